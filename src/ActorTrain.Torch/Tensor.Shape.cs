using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch;

/// <summary>Views, reshaping, slicing, joining and indexing.</summary>
public sealed partial class Tensor
{
    /// <summary>A view with a new shape over the same storage (one size may be -1).</summary>
    public unsafe Tensor View(params ReadOnlySpan<long> shape)
    {
        fixed (long* s = shape) return Result(NativeMethods.at_view(Handle, s, shape.Length, out var r), r);
    }

    /// <summary>Like <see cref="View"/>, copying only when the layout requires it.</summary>
    public unsafe Tensor Reshape(params ReadOnlySpan<long> shape)
    {
        fixed (long* s = shape) return Result(NativeMethods.at_reshape(Handle, s, shape.Length, out var r), r);
    }

    public Tensor Flatten(long startDim = 0, long endDim = -1) => Result(NativeMethods.at_flatten(Handle, startDim, endDim, out var r), r);

    /// <summary>A view of <paramref name="length"/> slices starting at <paramref name="start"/> along <paramref name="dim"/>.</summary>
    public Tensor Narrow(long dim, long start, long length) => Result(NativeMethods.at_narrow(Handle, dim, start, length, out var r), r);

    public Tensor Transpose(long dim0, long dim1) => Result(NativeMethods.at_transpose(Handle, dim0, dim1, out var r), r);

    /// <summary>The transpose of a 2-d tensor (a view).</summary>
    public Tensor T() => Transpose(0, 1);

    public Tensor Unsqueeze(long dim) => Result(NativeMethods.at_unsqueeze(Handle, dim, out var r), r);

    public Tensor Squeeze(long dim) => Result(NativeMethods.at_squeeze(Handle, dim, out var r), r);

    /// <summary>Slices at the int64 <paramref name="index"/> along <paramref name="dim"/>, copied into a new tensor.</summary>
    public Tensor IndexSelect(long dim, Tensor index) => Result(NativeMethods.at_index_select(Handle, dim, index.Handle, out var r), r);

    /// <summary>
    /// Writes <paramref name="source"/>'s slices into this tensor at <paramref name="index"/> along
    /// <paramref name="dim"/>, in place and outside autograd (so it can write into parameters).
    /// </summary>
    public Tensor IndexCopy_(long dim, Tensor index, Tensor source) => InPlace(NativeMethods.at_index_copy_(Handle, dim, index.Handle, source.Handle));

    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    private static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var handles = new TensorHandle[tensors.Count];
        var added = new bool[tensors.Count];
        var raw = tensors.Count <= 64 ? stackalloc IntPtr[tensors.Count] : new IntPtr[tensors.Count];
        try
        {
            // The native side takes plain pointers, so keep each handle alive by hand for the call.
            for (var i = 0; i < handles.Length; i++)
            {
                handles[i] = tensors[i].Handle;
                handles[i].DangerousAddRef(ref added[i]);
                raw[i] = handles[i].DangerousGetHandle();
            }
            fixed (IntPtr* p = raw)
            {
                var status = stack
                    ? NativeMethods.at_stack(p, raw.Length, dim, out var r)
                    : NativeMethods.at_cat(p, raw.Length, dim, out r);
                return Result(status, r);
            }
        }
        finally
        {
            for (var i = 0; i < handles.Length; i++)
                if (added[i]) handles[i].DangerousRelease();
        }
    }
}
