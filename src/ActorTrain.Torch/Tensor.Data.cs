using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch;

/// <summary>Copies between tensors and managed memory, and conversions.</summary>
public sealed partial class Tensor
{
    /// <summary>Copies every element into <paramref name="destination"/>, which must hold exactly NumElements floats of a float32 tensor.</summary>
    public void CopyTo(Span<float> destination) => CopyOut(destination, ScalarType.Float32);

    public void CopyTo(Span<double> destination) => CopyOut(destination, ScalarType.Float64);

    public void CopyTo(Span<long> destination) => CopyOut(destination, ScalarType.Int64);

    public void CopyTo(Span<int> destination) => CopyOut(destination, ScalarType.Int32);

    public void CopyTo(Span<byte> destination) => CopyOut(destination, ScalarType.UInt8);

    /// <summary>Overwrites every element from <paramref name="source"/> (same dtype, exactly NumElements values), keeping the storage.</summary>
    public void CopyFrom(ReadOnlySpan<float> source) => CopyIn(source, ScalarType.Float32);

    public void CopyFrom(ReadOnlySpan<long> source) => CopyIn(source, ScalarType.Int64);

    public void CopyFrom(ReadOnlySpan<byte> source) => CopyIn(source, ScalarType.UInt8);

    public float[] ToArrayFloat() => ToArray<float>(ScalarType.Float32);

    public double[] ToArrayDouble() => ToArray<double>(ScalarType.Float64);

    public long[] ToArrayLong() => ToArray<long>(ScalarType.Int64);

    public byte[] ToArrayByte() => ToArray<byte>(ScalarType.UInt8);

    /// <summary>The value of a one-element tensor as a float.</summary>
    public float ToScalarFloat() => (float)ToScalarDouble();

    public double ToScalarDouble()
    {
        Native.Check(NativeMethods.at_tensor_item_double(Handle, out var v));
        return v;
    }

    public long ToScalarLong()
    {
        Native.Check(NativeMethods.at_tensor_item_long(Handle, out var v));
        return v;
    }

    /// <summary>The value of a one-element tensor as <typeparamref name="T"/> (float, double, long, int, byte or bool).</summary>
    public T Item<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (T)(object)ToScalarFloat();
        if (typeof(T) == typeof(double)) return (T)(object)ToScalarDouble();
        if (typeof(T) == typeof(long)) return (T)(object)ToScalarLong();
        if (typeof(T) == typeof(int)) return (T)(object)checked((int)ToScalarLong());
        if (typeof(T) == typeof(byte)) return (T)(object)checked((byte)ToScalarLong());
        if (typeof(T) == typeof(bool)) return (T)(object)(ToScalarLong() != 0);
        throw new NotSupportedException($"Item<{typeof(T).Name}> is not supported");
    }

    /// <summary>This tensor on <paramref name="device"/> (the same tensor, as a new handle, when it is already there).</summary>
    public Tensor To(Device device) => Result(NativeMethods.at_tensor_to(Handle, -1, (int)device.Type, device.Index, out var r), r);

    public Tensor To(ScalarType dtype) => Result(NativeMethods.at_tensor_to_dtype(Handle, (int)dtype, out var r), r);

    public Tensor To(Device device, ScalarType dtype) => Result(NativeMethods.at_tensor_to(Handle, (int)dtype, (int)device.Type, device.Index, out var r), r);

    /// <summary>Same storage, cut from the autograd graph.</summary>
    public Tensor Detach() => Result(NativeMethods.at_tensor_detach(Handle, out var r), r);

    /// <summary>A copy with its own storage (stays in the autograd graph, as torch.clone).</summary>
    public Tensor Clone() => Result(NativeMethods.at_tensor_clone(Handle, out var r), r);

    public Tensor Contiguous() => Result(NativeMethods.at_tensor_contiguous(Handle, out var r), r);

    /// <summary>A second owned handle to this very tensor (same storage and autograd identity); dispose both.</summary>
    public Tensor Alias() => Result(NativeMethods.at_tensor_alias(Handle, out var r), r);

    /// <summary>
    /// Replaces this tensor's data with <paramref name="data"/>'s storage (which may be on another device or
    /// of another dtype) while keeping its identity, as PyTorch's <c>param.data = data</c>.
    /// </summary>
    public void SetData(Tensor data) => Native.Check(NativeMethods.at_tensor_set_data(Handle, data.Handle));

    /// <summary>
    /// Autograd's version counter: bumped by every tracked in-place write. A graph that saved this tensor fails its
    /// backward when the counter moved since (torch's "modified by an inplace operation").
    /// </summary>
    public long Version
    {
        get
        {
            Native.Check(NativeMethods.at_tensor_version(Handle, out var version));
            return version;
        }
    }

    private T[] ToArray<T>(ScalarType type) where T : unmanaged
    {
        var a = new T[NumElements];
        CopyOut<T>(a, type);
        return a;
    }

    private unsafe void CopyOut<T>(Span<T> destination, ScalarType type) where T : unmanaged
    {
        fixed (T* d = destination)
            Native.Check(NativeMethods.at_tensor_copy_to(Handle, (int)type, d, (long)destination.Length * sizeof(T)));
    }

    private unsafe void CopyIn<T>(ReadOnlySpan<T> source, ScalarType type) where T : unmanaged
    {
        fixed (T* s = source)
            Native.Check(NativeMethods.at_tensor_copy_from(Handle, (int)type, s, (long)source.Length * sizeof(T)));
    }
}
