using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch;

/// <summary>
/// Random initialisation and random factories. Each draws from <paramref name="generator"/> when given,
/// otherwise from libtorch's default generator (seeded by <see cref="Torch.ManualSeed"/>).
/// </summary>
public sealed partial class Tensor
{
    /// <summary>Fills with values drawn uniformly from [from, to), in place and outside autograd.</summary>
    public Tensor Uniform_(double from = 0, double to = 1, Generator? generator = null) =>
        InPlace(NativeMethods.at_uniform_(Handle, from, to, Gen(generator)));

    /// <summary>Fills with normal values, in place and outside autograd.</summary>
    public Tensor Normal_(double mean = 0, double std = 1, Generator? generator = null) =>
        InPlace(NativeMethods.at_normal_(Handle, mean, std, Gen(generator)));

    /// <summary>Fills with 1 with probability <paramref name="p"/>, else 0.</summary>
    public Tensor Bernoulli_(double p, Generator? generator = null) =>
        InPlace(NativeMethods.at_bernoulli_(Handle, p, Gen(generator)));

    /// <summary>
    /// He (Kaiming) uniform initialisation, as torch.nn.init.kaiming_uniform_ with mode fan_in and a
    /// leaky_relu gain of sqrt(2 / (1 + a^2)); a = sqrt(5) is nn.Linear's default.
    /// </summary>
    public Tensor KaimingUniform_(double a = 0, Generator? generator = null)
    {
        var bound = Math.Sqrt(3.0) * KaimingStd(a);
        return Uniform_(-bound, bound, generator);
    }

    /// <summary>He (Kaiming) normal initialisation, mode fan_in, leaky_relu gain.</summary>
    public Tensor KaimingNormal_(double a = 0, Generator? generator = null) => Normal_(0, KaimingStd(a), generator);

    /// <summary>Fan-in as PyTorch computes it: size(1) times the receptive field (the product of dims 2..).</summary>
    public long FanIn()
    {
        var shape = Shape;
        if (shape.Length < 2)
            throw new InvalidOperationException($"fan-in needs at least 2 dimensions but the tensor has {shape.Length}");
        long fan = shape[1];
        for (var i = 2; i < shape.Length; i++) fan *= shape[i];
        return fan;
    }

    public static unsafe Tensor Rand(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, Generator? generator = null)
    {
        fixed (long* s = shape) return Result(NativeMethods.at_rand(s, shape.Length, (int)dtype, Gen(generator), out var r), r);
    }

    public static unsafe Tensor Randn(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, Generator? generator = null)
    {
        fixed (long* s = shape) return Result(NativeMethods.at_randn(s, shape.Length, (int)dtype, Gen(generator), out var r), r);
    }

    /// <summary>int64 values drawn uniformly from [low, high).</summary>
    public static unsafe Tensor RandInt(long low, long high, ReadOnlySpan<long> shape, Generator? generator = null)
    {
        fixed (long* s = shape) return Result(NativeMethods.at_randint(low, high, s, shape.Length, Gen(generator), out var r), r);
    }

    /// <summary>A random permutation of 0..n-1 (int64).</summary>
    public static Tensor RandPerm(long n, Generator? generator = null) => Result(NativeMethods.at_randperm(n, Gen(generator), out var r), r);

    private double KaimingStd(double a) => Math.Sqrt(2.0 / (1 + a * a)) / Math.Sqrt(FanIn());

    private static GeneratorHandle Gen(Generator? generator) => generator?.Handle ?? GeneratorHandle.Null;
}
