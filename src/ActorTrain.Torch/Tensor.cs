using System.Runtime.InteropServices;
using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch;

/// <summary>
/// A libtorch tensor. The wrapper owns exactly one native handle and frees it on <see cref="Dispose"/>
/// (or, as a fallback, when the garbage collector finalizes the handle). Every operation returns a
/// new tensor that the caller owns and must dispose; in-place operations (names ending in '_')
/// return this same instance. Using a disposed tensor throws <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly TensorHandle _handle;

    internal Tensor(TensorHandle handle) => _handle = handle;

    /// <summary>Takes ownership of a handle returned by the shim.</summary>
    internal static Tensor Wrap(IntPtr handle) => new(new TensorHandle(handle));

    internal TensorHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    public bool IsDisposed => _handle.IsClosed;

    public void Dispose() => _handle.Dispose();

    /// <summary>Checks a shim status and wraps the handle it produced. Keeps every op a one-liner.</summary>
    internal static Tensor Result(int status, IntPtr handle)
    {
        Native.Check(status);
        return Wrap(handle);
    }

    public int Dim
    {
        get
        {
            Native.Check(NativeMethods.at_tensor_dim(Handle, out var dim));
            return (int)dim;
        }
    }

    /// <summary>Sizes of every dimension (a new array each call).</summary>
    public unsafe long[] Shape
    {
        get
        {
            var shape = new long[Dim];
            fixed (long* p = shape) Native.Check(NativeMethods.at_tensor_shape(Handle, p, shape.Length));
            return shape;
        }
    }

    /// <summary>Size of one dimension; negative <paramref name="dim"/> counts from the end.</summary>
    public long Size(int dim)
    {
        var shape = Shape;
        var d = dim < 0 ? dim + shape.Length : dim;
        if (d < 0 || d >= shape.Length)
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"tensor has {shape.Length} dimensions");
        return shape[d];
    }

    public long NumElements
    {
        get
        {
            Native.Check(NativeMethods.at_tensor_numel(Handle, out var n));
            return n;
        }
    }

    public long NBytes
    {
        get
        {
            Native.Check(NativeMethods.at_tensor_nbytes(Handle, out var n));
            return n;
        }
    }

    public ScalarType DType
    {
        get
        {
            Native.Check(NativeMethods.at_tensor_dtype(Handle, out var t));
            return (ScalarType)t;
        }
    }

    public Device Device
    {
        get
        {
            Native.Check(NativeMethods.at_tensor_device(Handle, out var type, out var index));
            return new Device((DeviceType)type, index);
        }
    }

    public bool IsContiguous
    {
        get
        {
            Native.Check(NativeMethods.at_tensor_is_contiguous(Handle, out var c));
            return c != 0;
        }
    }

    /// <summary>
    /// Address of the first element, for zero-copy bulk reads and writes. Only for contiguous CPU
    /// tensors; valid while this tensor is alive and not resized.
    /// </summary>
    internal IntPtr DataPtr
    {
        get
        {
            Native.Check(NativeMethods.at_tensor_data_ptr(Handle, out var p));
            return p;
        }
    }

    /// <summary>libtorch's own rendering of the values, for debugging.</summary>
    public override string ToString()
    {
        if (IsDisposed) return "Tensor(disposed)";
        Native.Check(NativeMethods.at_tensor_to_string(Handle, out var text));
        try
        {
            return Marshal.PtrToStringUTF8(text) ?? string.Empty;
        }
        finally
        {
            NativeMethods.at_free_string(text);
        }
    }
}
