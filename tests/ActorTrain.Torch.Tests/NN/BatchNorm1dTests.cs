using ActorTrain.Torch.NN;

namespace ActorTrain.Torch.Tests.NN;

public class BatchNorm1dTests
{
    // Batch [[1, 2], [3, 6]]: means [2, 4], biased variances [1, 4], unbiased [2, 8].
    private static Tensor Batch() => Tensor.FromSpan([1f, 2f, 3f, 6f], [2, 2]);

    private static void AssertClose(float[] expected, Tensor actual)
    {
        var v = actual.ToArrayFloat();
        Assert.Equal(expected.Length, v.Length);
        for (var i = 0; i < v.Length; i++) Assert.Equal(expected[i], v[i], 4);
    }

    [TorchFact]
    public void Training_normalises_with_batch_statistics_and_updates_running_ones()
    {
        using var bn = new BatchNorm1d(2);
        using var x = Batch();
        using var y = bn.Forward(x);
        AssertClose([-1f, -1f, 1f, 1f], y);
        AssertClose([0.2f, 0.4f], bn.RunningMean!);
        AssertClose([1.1f, 1.7f], bn.RunningVar!);
        Assert.Equal(1L, bn.NumBatchesTracked!.ToScalarLong());
    }

    [TorchFact]
    public void Eval_normalises_with_running_statistics()
    {
        using var bn = new BatchNorm1d(2);
        using var x = Batch();
        using (bn.Forward(x)) { }
        bn.Eval();
        using var y = bn.Forward(x);
        AssertClose([(1 - 0.2f) / MathF.Sqrt(1.1f + 1e-5f), (2 - 0.4f) / MathF.Sqrt(1.7f + 1e-5f),
                     (3 - 0.2f) / MathF.Sqrt(1.1f + 1e-5f), (6 - 0.4f) / MathF.Sqrt(1.7f + 1e-5f)], y);
        Assert.Equal(1L, bn.NumBatchesTracked!.ToScalarLong());
    }

    [TorchFact]
    public void Without_running_statistics_eval_uses_batch_statistics()
    {
        using var bn = new BatchNorm1d(2, affine: false, trackRunningStats: false);
        Assert.Empty(bn.StateDict());
        bn.Eval();
        using var x = Batch();
        using var y = bn.Forward(x);
        AssertClose([-1f, -1f, 1f, 1f], y);
    }

    [TorchFact]
    public void Affine_parameters_scale_and_shift_and_receive_gradients()
    {
        using var bn = new BatchNorm1d(2);
        using (Torch.NoGrad())
        {
            bn.Weight!.Fill_(2);
            bn.Bias!.Fill_(0.5);
        }
        using var x = Batch();
        using var y = bn.Forward(x);
        AssertClose([-1.5f, -1.5f, 2.5f, 2.5f], y);
        using var loss = y.Sum();
        loss.Backward();
        using var gb = bn.Bias!.Grad!;
        AssertClose([2f, 2f], gb);
    }
}
