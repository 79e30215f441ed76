using ActorTrain.Torch.Optim;

namespace ActorTrain.Torch.Tests.Optim;

public class SGDTests
{
    // loss = sum(c * p) gives the constant gradient c.
    internal static void Backprop(Tensor p, float[] c)
    {
        using var coefficients = Tensor.FromSpan(c, [c.Length]);
        using var prod = p * coefficients;
        using var loss = prod.Sum();
        loss.Backward();
    }

    internal static void AssertClose(double[] expected, Tensor actual)
    {
        var v = actual.ToArrayFloat();
        for (var i = 0; i < v.Length; i++) Assert.Equal(expected[i], v[i], 1e-5);
    }

    [TorchFact]
    public void Two_steps_with_momentum_and_weight_decay_match_hand_computed_values()
    {
        using var p = Tensor.FromSpan([1f, -2f], [2]).RequiresGrad_();
        using var sgd = new SGD([p], learningRate: 0.1, momentum: 0.9, weightDecay: 0.01);
        float[] g = [0.5f, 1f];
        // Step 1: d = g + 0.01 p = [0.51, 0.98] = buf; p -= 0.1 buf.
        Backprop(p, g);
        sgd.Step();
        AssertClose([0.949, -2.098], p);
        // Step 2: d = [0.50949, 0.97902]; buf = 0.9 [0.51, 0.98] + d = [0.96849, 1.86102]; p -= 0.1 buf.
        sgd.ZeroGrad();
        Backprop(p, g);
        sgd.Step();
        AssertClose([0.852151, -2.284102], p);
        AssertClose([0.96849, 1.86102], sgd.GetState(0)["momentum_buffer"]);
    }

    [TorchFact]
    public void Every_update_kind_gives_the_values_of_the_op_by_op_path_on_a_large_tensor()
    {
        // Large and contiguous: steps after the first take the fused one-pass kernel (split across threads); a
        // transposed view of the same values is not contiguous and takes the op-by-op path.
        Torch.ManualSeed(5);
        using var start = Tensor.Randn([300, 400]);
        using var gradient = Tensor.Randn([300, 400]);
        using var reference = Train(start.T().Contiguous().T(), ParameterUpdate.InPlace);
        foreach (var kind in new[] { ParameterUpdate.InPlace, ParameterUpdate.InPlaceUntracked, ParameterUpdate.FreshStorage })
        {
            using var p = Train(start.Clone(), kind);
            Assert.True(p.AllClose(reference, 1e-6, 1e-6), kind.ToString());
            Assert.True(p.RequiresGrad);
        }

        Tensor Train(Tensor p, ParameterUpdate kind)
        {
            p.RequiresGrad = true;
            using var sgd = new SGD([p], 0.05, momentum: 0.9, weightDecay: 1e-3, nesterov: true) { UpdateKind = kind };
            for (var step = 0; step < 3; step++)
            {
                p.SetGrad(gradient);
                sgd.Step();
            }
            return p;
        }
    }

    [TorchFact]
    public void Nesterov_adds_the_momentum_look_ahead()
    {
        using var p = Tensor.FromSpan([1f], [1]).RequiresGrad_();
        using var sgd = new SGD([p], learningRate: 0.1, momentum: 0.5, nesterov: true);
        // Step 1: buf = 2; d = 2 + 0.5*2 = 3; p = 0.7. Step 2: buf = 0.5*2 + 2 = 3; d = 2 + 1.5 = 3.5; p = 0.35.
        Backprop(p, [2f]);
        sgd.Step();
        AssertClose([0.7], p);
        sgd.ZeroGrad();
        Backprop(p, [2f]);
        sgd.Step();
        AssertClose([0.35], p);
    }

    [TorchFact]
    public void Parameters_without_gradients_are_left_alone()
    {
        using var p = Tensor.FromSpan([1f], [1]).RequiresGrad_();
        using var sgd = new SGD([p], learningRate: 0.1, momentum: 0.9);
        sgd.Step();
        AssertClose([1.0], p);
        Assert.Empty(sgd.GetState(0));
    }

    [TorchFact]
    public void State_round_trips_through_a_state_dictionary()
    {
        using var p = Tensor.FromSpan([1f, 2f], [2]).RequiresGrad_();
        using var q = Tensor.FromSpan([1f, 2f], [2]).RequiresGrad_();
        using var a = new SGD([p], 0.1, momentum: 0.9);
        using var b = new SGD([q], 0.1, momentum: 0.9);
        Backprop(p, [1f, 3f]);
        a.Step();
        b.LoadStateDict(a.StateDict());
        Assert.Equal(["param.0.momentum_buffer"], b.StateDict().Keys);
        AssertClose([1.0, 3.0], b.GetState(0)["momentum_buffer"]);
    }

    [TorchFact]
    public void Setting_state_of_the_wrong_shape_is_refused()
    {
        using var p = Tensor.Zeros([3]).RequiresGrad_();
        using var sgd = new SGD([p], 0.1, momentum: 0.9);
        using var wrong = Tensor.Zeros([2]);
        var e = Assert.Throws<ArgumentException>(() => sgd.SetState(0, "momentum_buffer", wrong));
        Assert.Contains("param.0.momentum_buffer", e.Message);
    }
}
