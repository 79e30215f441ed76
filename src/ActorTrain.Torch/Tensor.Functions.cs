using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch;

/// <summary>Activations, reductions and comparisons.</summary>
public sealed partial class Tensor
{
    public Tensor Relu() => Result(NativeMethods.at_relu(Handle, out var r), r);

    public Tensor Relu_() => InPlace(NativeMethods.at_relu_(Handle));

    /// <summary>GELU with the exact (erf) formulation, PyTorch's default.</summary>
    public Tensor Gelu() => Result(NativeMethods.at_gelu(Handle, out var r), r);

    public Tensor Tanh() => Result(NativeMethods.at_tanh(Handle, out var r), r);

    public Tensor Sigmoid() => Result(NativeMethods.at_sigmoid(Handle, out var r), r);

    public Tensor Softmax(long dim) => Result(NativeMethods.at_softmax(Handle, dim, out var r), r);

    public Tensor LogSoftmax(long dim) => Result(NativeMethods.at_log_softmax(Handle, dim, out var r), r);

    /// <summary>Sum of all elements (0-dimensional).</summary>
    public Tensor Sum() => Result(NativeMethods.at_sum(Handle, out var r), r);

    public Tensor Sum(long dim, bool keepDim = false) => Result(NativeMethods.at_sum_dim(Handle, dim, keepDim ? 1 : 0, out var r), r);

    /// <summary>Mean of all elements (0-dimensional).</summary>
    public Tensor Mean() => Result(NativeMethods.at_mean(Handle, out var r), r);

    public Tensor Mean(long dim, bool keepDim = false) => Result(NativeMethods.at_mean_dim(Handle, dim, keepDim ? 1 : 0, out var r), r);

    public Tensor Var(long dim, bool unbiased = true, bool keepDim = false) =>
        Result(NativeMethods.at_var_dim(Handle, dim, unbiased ? 1 : 0, keepDim ? 1 : 0, out var r), r);

    public Tensor Max() => Result(NativeMethods.at_max(Handle, out var r), r);

    public Tensor Min() => Result(NativeMethods.at_min(Handle, out var r), r);

    /// <summary>Indices (int64) of the largest values along <paramref name="dim"/>.</summary>
    public Tensor Argmax(long dim, bool keepDim = false) => Result(NativeMethods.at_argmax(Handle, dim, keepDim ? 1 : 0, out var r), r);

    /// <summary>The p-norm of all elements (0-dimensional).</summary>
    public Tensor Norm(double p = 2) => Result(NativeMethods.at_norm(Handle, p, out var r), r);

    /// <summary>Element-wise equality, as a bool tensor.</summary>
    public Tensor Eq(Tensor other) => Result(NativeMethods.at_eq(Handle, other.Handle, out var r), r);

    public Tensor Eq(double value) => Result(NativeMethods.at_eq_scalar(Handle, value, out var r), r);

    public Tensor Gt(double value) => Result(NativeMethods.at_gt_scalar(Handle, value, out var r), r);

    public Tensor Lt(double value) => Result(NativeMethods.at_lt_scalar(Handle, value, out var r), r);

    /// <summary>True when both tensors have the same shape and every element is within atol + rtol * |other|.</summary>
    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        Native.Check(NativeMethods.at_allclose(Handle, other.Handle, rtol, atol, out var r));
        return r != 0;
    }

    /// <summary>True when both tensors have the same shape and exactly the same elements.</summary>
    public bool ValueEquals(Tensor other)
    {
        Native.Check(NativeMethods.at_equal(Handle, other.Handle, out var r));
        return r != 0;
    }
}
