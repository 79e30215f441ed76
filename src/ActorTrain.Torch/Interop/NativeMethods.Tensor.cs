using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>P/Invoke declarations for at_tensor.cpp: creation, metadata, conversion and bulk copies.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static unsafe partial int at_tensor_from_data(void* data, long nbytes, long* shape, int ndim, int dtype, out IntPtr result);

    [LibraryImport(Lib)]
    internal static unsafe partial int at_tensor_empty(long* shape, int ndim, int dtype, int device, int deviceIndex, out IntPtr result);

    [LibraryImport(Lib)]
    internal static unsafe partial int at_tensor_full(long* shape, int ndim, double value, int dtype, int device, int deviceIndex, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_scalar(double value, int dtype, int device, int deviceIndex, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_arange(double start, double end, double step, int dtype, int device, int deviceIndex, out IntPtr result);

    [LibraryImport(Lib)]
    internal static unsafe partial int at_tensor_copy_to(TensorHandle t, int dtype, void* destination, long nbytes);

    [LibraryImport(Lib)]
    internal static unsafe partial int at_tensor_copy_from(TensorHandle t, int dtype, void* source, long nbytes);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_dim(TensorHandle t, out long dim);

    [LibraryImport(Lib)]
    internal static unsafe partial int at_tensor_shape(TensorHandle t, long* sizes, int capacity);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_numel(TensorHandle t, out long numel);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_nbytes(TensorHandle t, out long nbytes);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_dtype(TensorHandle t, out int dtype);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_device(TensorHandle t, out int type, out int index);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_is_contiguous(TensorHandle t, out int contiguous);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_to(TensorHandle t, int dtype, int device, int deviceIndex, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_to_dtype(TensorHandle t, int dtype, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_detach(TensorHandle t, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_clone(TensorHandle t, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_contiguous(TensorHandle t, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_alias(TensorHandle t, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_data_ptr(TensorHandle t, out IntPtr data);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_item_double(TensorHandle t, out double value);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_item_long(TensorHandle t, out long value);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_to_string(TensorHandle t, out IntPtr text);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_set_data(TensorHandle t, TensorHandle data);

    [LibraryImport(Lib)]
    internal static partial int at_tensor_version(TensorHandle t, out long version);
}
