using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch.NN;

/// <summary>
/// Stateless layer functions, as torch.nn.functional. Every result is a new tensor owned by the caller;
/// optional arguments (bias, affine weights, running statistics) may be null.
/// </summary>
public static partial class Functional
{
    /// <summary>x · weightᵀ + bias, with weight of shape [out, in].</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null) =>
        Tensor.Result(NativeMethods.at_linear(x.Handle, weight.Handle, Opt(bias), out var r), r);

    /// <summary>Zeroes elements with probability p and scales the rest by 1/(1-p) when training; identity otherwise.</summary>
    public static Tensor Dropout(Tensor x, double p, bool training)
    {
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
        return Tensor.Result(NativeMethods.at_dropout(x.Handle, p, training ? 1 : 0, out var r), r);
    }

    /// <summary>
    /// Dropout whose mask is drawn from <paramref name="generator"/> (on the CPU, then moved to the input's device), as
    /// libtorch's dropout computes it (x · bernoulli(1 - p) / (1 - p)), so the mask depends on the generator alone and
    /// not on what other threads draw from the global one.
    /// </summary>
    public static Tensor Dropout(Tensor x, double p, bool training, Generator generator)
    {
        if (!training || p is 0 or 1) return Dropout(x, p, training);
        using var keep = Tensor.Zeros(x.Shape);
        keep.Bernoulli_(1 - p, generator).Div_(1 - p);
        if (x.Device.Type == keep.Device.Type) return x.Mul(keep);
        using var moved = keep.To(x.Device);
        return x.Mul(moved);
    }

    /// <summary>
    /// Batch normalisation over dimension 1. When <paramref name="training"/>, uses batch statistics and
    /// updates the running statistics (if given) in place with <paramref name="momentum"/>; otherwise
    /// uses the running statistics, which must then be given.
    /// </summary>
    public static Tensor BatchNorm(Tensor x, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias,
        bool training, double momentum = 0.1, double eps = 1e-5) =>
        Tensor.Result(NativeMethods.at_batch_norm(x.Handle, Opt(weight), Opt(bias), Opt(runningMean), Opt(runningVar),
            training ? 1 : 0, momentum, eps, out var r), r);

    /// <summary>2-d convolution of [N, C, H, W] input with weight [out, C/groups, kH, kW].</summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias = null, (long H, long W)? stride = null,
        (long H, long W)? padding = null, (long H, long W)? dilation = null, long groups = 1)
    {
        var s = stride ?? (1, 1);
        var p = padding ?? (0, 0);
        var d = dilation ?? (1, 1);
        return Tensor.Result(NativeMethods.at_conv2d(x.Handle, weight.Handle, Opt(bias), s.H, s.W, p.H, p.W, d.H, d.W, groups, out var r), r);
    }

    /// <summary>2-d max pooling; the stride defaults to the kernel size, as in PyTorch.</summary>
    public static Tensor MaxPool2d(Tensor x, (long H, long W) kernel, (long H, long W)? stride = null,
        (long H, long W)? padding = null, bool ceilMode = false)
    {
        var s = stride ?? kernel;
        var p = padding ?? (0, 0);
        return Tensor.Result(NativeMethods.at_max_pool2d(x.Handle, kernel.H, kernel.W, s.H, s.W, p.H, p.W, ceilMode ? 1 : 0, out var r), r);
    }

    public static Tensor Relu(Tensor x) => x.Relu();

    public static Tensor Gelu(Tensor x) => x.Gelu();

    public static Tensor Softmax(Tensor x, long dim) => x.Softmax(dim);

    public static Tensor LogSoftmax(Tensor x, long dim) => x.LogSoftmax(dim);

    private static TensorHandle Opt(Tensor? t) => t?.Handle ?? TensorHandle.Null;
}
