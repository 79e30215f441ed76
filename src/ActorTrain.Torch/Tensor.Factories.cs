using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch;

/// <summary>Creating tensors from managed data and from shapes.</summary>
public sealed partial class Tensor
{
    public static Tensor FromSpan(ReadOnlySpan<float> data, ReadOnlySpan<long> shape) => FromData(data, shape, ScalarType.Float32);

    public static Tensor FromSpan(ReadOnlySpan<double> data, ReadOnlySpan<long> shape) => FromData(data, shape, ScalarType.Float64);

    public static Tensor FromSpan(ReadOnlySpan<long> data, ReadOnlySpan<long> shape) => FromData(data, shape, ScalarType.Int64);

    public static Tensor FromSpan(ReadOnlySpan<int> data, ReadOnlySpan<long> shape) => FromData(data, shape, ScalarType.Int32);

    public static Tensor FromSpan(ReadOnlySpan<byte> data, ReadOnlySpan<long> shape) => FromData(data, shape, ScalarType.UInt8);

    /// <summary>A 1-d float32 tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(params float[] data) => FromSpan(data, [data.Length]);

    /// <summary>A 1-d int64 tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(params long[] data) => FromSpan(data, [data.Length]);

    private static unsafe Tensor FromData<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, ScalarType type) where T : unmanaged
    {
        long numel = 1;
        foreach (var s in shape) numel *= s;
        if (numel != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] needs {numel} elements but {data.Length} were given", nameof(data));
        fixed (T* d = data)
        fixed (long* s = shape)
            return Result(NativeMethods.at_tensor_from_data(d, (long)data.Length * sizeof(T), s, shape.Length, (int)type, out var r), r);
    }

    public static unsafe Tensor Empty(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var dev = device ?? Device.Cpu;
        fixed (long* s = shape)
            return Result(NativeMethods.at_tensor_empty(s, shape.Length, (int)dtype, (int)dev.Type, dev.Index, out var r), r);
    }

    public static Tensor Zeros(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Full(shape, 0, dtype, device);

    public static Tensor Ones(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Full(shape, 1, dtype, device);

    public static unsafe Tensor Full(ReadOnlySpan<long> shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var dev = device ?? Device.Cpu;
        fixed (long* s = shape)
            return Result(NativeMethods.at_tensor_full(s, shape.Length, value, (int)dtype, (int)dev.Type, dev.Index, out var r), r);
    }

    /// <summary>A 0-dimensional tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var dev = device ?? Device.Cpu;
        return Result(NativeMethods.at_tensor_scalar(value, (int)dtype, (int)dev.Type, dev.Index, out var r), r);
    }

    /// <summary>Values start, start+step, ... below end (as torch.arange).</summary>
    public static Tensor Arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var dev = device ?? Device.Cpu;
        return Result(NativeMethods.at_tensor_arange(start, end, step, (int)dtype, (int)dev.Type, dev.Index, out var r), r);
    }

    public static Tensor Arange(long end, ScalarType dtype = ScalarType.Int64, Device? device = null) => Arange(0, end, 1, dtype, device);
}
