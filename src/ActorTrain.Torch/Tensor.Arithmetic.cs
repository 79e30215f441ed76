using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch;

/// <summary>Element-wise arithmetic (broadcasting as in PyTorch), in-place forms and operators.</summary>
public sealed partial class Tensor
{
    /// <summary>this + alpha * other.</summary>
    public Tensor Add(Tensor other, double alpha = 1) => Result(NativeMethods.at_add(Handle, other.Handle, alpha, out var r), r);

    /// <summary>this - alpha * other.</summary>
    public Tensor Sub(Tensor other, double alpha = 1) => Result(NativeMethods.at_sub(Handle, other.Handle, alpha, out var r), r);

    public Tensor Mul(Tensor other) => Result(NativeMethods.at_mul(Handle, other.Handle, out var r), r);

    public Tensor Div(Tensor other) => Result(NativeMethods.at_div(Handle, other.Handle, out var r), r);

    public Tensor Add(double value) => Result(NativeMethods.at_add_scalar(Handle, value, out var r), r);

    public Tensor Sub(double value) => Add(-value);

    public Tensor Mul(double value) => Result(NativeMethods.at_mul_scalar(Handle, value, out var r), r);

    public Tensor Div(double value) => Result(NativeMethods.at_div_scalar(Handle, value, out var r), r);

    /// <summary>Matrix product with PyTorch's broadcasting rules; mismatched shapes throw a <see cref="TorchException"/> naming both.</summary>
    public Tensor Matmul(Tensor other) => Result(NativeMethods.at_matmul(Handle, other.Handle, out var r), r);

    public Tensor Pow(double exponent) => Result(NativeMethods.at_pow_scalar(Handle, exponent, out var r), r);

    public Tensor Pow(Tensor exponent) => Result(NativeMethods.at_pow(Handle, exponent.Handle, out var r), r);

    public Tensor Maximum(Tensor other) => Result(NativeMethods.at_maximum(Handle, other.Handle, out var r), r);

    public Tensor Clamp(double min, double max) => Result(NativeMethods.at_clamp(Handle, min, max, out var r), r);

    public Tensor Neg() => Result(NativeMethods.at_neg(Handle, out var r), r);

    public Tensor Abs() => Result(NativeMethods.at_abs(Handle, out var r), r);

    public Tensor Exp() => Result(NativeMethods.at_exp(Handle, out var r), r);

    public Tensor Log() => Result(NativeMethods.at_log(Handle, out var r), r);

    public Tensor Sqrt() => Result(NativeMethods.at_sqrt(Handle, out var r), r);

    /// <summary>this += alpha * other, in place; returns this.</summary>
    public Tensor Add_(Tensor other, double alpha = 1) => InPlace(NativeMethods.at_add_(Handle, other.Handle, alpha));

    public Tensor Sub_(Tensor other, double alpha = 1) => InPlace(NativeMethods.at_sub_(Handle, other.Handle, alpha));

    public Tensor Mul_(Tensor other) => InPlace(NativeMethods.at_mul_(Handle, other.Handle));

    public Tensor Div_(Tensor other) => InPlace(NativeMethods.at_div_(Handle, other.Handle));

    public Tensor Add_(double value) => InPlace(NativeMethods.at_add_scalar_(Handle, value));

    public Tensor Mul_(double value) => InPlace(NativeMethods.at_mul_scalar_(Handle, value));

    public Tensor Div_(double value) => InPlace(NativeMethods.at_div_scalar_(Handle, value));

    public Tensor Zero_() => InPlace(NativeMethods.at_zero_(Handle));

    public Tensor Fill_(double value) => InPlace(NativeMethods.at_fill_(Handle, value));

    /// <summary>Copies <paramref name="source"/>'s values into this tensor (broadcasting, converting dtype and device).</summary>
    public Tensor Copy_(Tensor source) => InPlace(NativeMethods.at_copy_(Handle, source.Handle));

    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    public static Tensor operator +(Tensor a, double b) => a.Add(b);

    public static Tensor operator +(double a, Tensor b) => b.Add(a);

    public static Tensor operator -(Tensor a, double b) => a.Add(-b);

    public static Tensor operator -(double a, Tensor b) => Result(NativeMethods.at_rsub_scalar(b.Handle, a, out var r), r);

    public static Tensor operator *(Tensor a, double b) => a.Mul(b);

    public static Tensor operator *(double a, Tensor b) => b.Mul(a);

    public static Tensor operator /(Tensor a, double b) => a.Div(b);

    public static Tensor operator -(Tensor a) => a.Neg();

    private Tensor InPlace(int status)
    {
        Native.Check(status);
        return this;
    }
}
