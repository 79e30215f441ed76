using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch.NN;

/// <summary>Loss functions, as torch.nn.functional.</summary>
public static partial class Functional
{
    /// <summary>Cross-entropy of raw <paramref name="logits"/> [N, C] against int64 class indices [N].</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets, Reduction reduction = Reduction.Mean, double labelSmoothing = 0) =>
        Tensor.Result(NativeMethods.at_cross_entropy(logits.Handle, targets.Handle, (long)reduction, labelSmoothing, out var r), r);

    /// <summary>Negative log-likelihood of log-probabilities [N, C] against int64 class indices [N].</summary>
    public static Tensor NllLoss(Tensor logProbs, Tensor targets, Reduction reduction = Reduction.Mean) =>
        Tensor.Result(NativeMethods.at_nll_loss(logProbs.Handle, targets.Handle, (long)reduction, out var r), r);

    /// <summary>Mean squared error (or its sum, or per element).</summary>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        Tensor.Result(NativeMethods.at_mse_loss(input.Handle, target.Handle, (long)reduction, out var r), r);
}
