using ActorTrain.Torch.NN;

namespace ActorTrain.Torch.Tests.NN;

public class LossTests
{
    [TorchFact]
    public void Cross_entropy_matches_the_hand_computed_value()
    {
        // Sample 1: log(1 + e^-1 + e^-2) = 0.40760596; sample 2: log 3 = 1.09861229.
        using var logits = Tensor.FromSpan([1f, 2f, 3f, 0f, 0f, 0f], [2, 3]);
        using var targets = Tensor.FromArray(2L, 0L);
        using var mean = Functional.CrossEntropy(logits, targets);
        using var sum = Functional.CrossEntropy(logits, targets, Reduction.Sum);
        Assert.Equal(0.75310912, mean.ToScalarDouble(), 5);
        Assert.Equal(1.50621825, sum.ToScalarDouble(), 5);
    }

    [TorchFact]
    public void Nll_of_log_softmax_equals_cross_entropy()
    {
        using var logits = Tensor.FromSpan([1f, 2f, 3f, 0f, 0f, 0f], [2, 3]);
        using var targets = Tensor.FromArray(2L, 0L);
        using var logProbs = logits.LogSoftmax(1);
        using var nll = Functional.NllLoss(logProbs, targets);
        Assert.Equal(0.75310912, nll.ToScalarDouble(), 5);
    }

    [TorchFact]
    public void Mse_is_the_mean_of_squared_differences()
    {
        using var a = Tensor.FromSpan([1f, 2f, 3f], [3]);
        using var b = Tensor.FromSpan([1f, 0f, 6f], [3]);
        using var mean = Functional.MseLoss(a, b);
        using var sum = Functional.MseLoss(a, b, Reduction.Sum);
        Assert.Equal(13f / 3, mean.ToScalarFloat(), 5);
        Assert.Equal(13f, sum.ToScalarFloat(), 5);
    }
}
