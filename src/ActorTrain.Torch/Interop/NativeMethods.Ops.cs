using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>P/Invoke declarations for at_ops.cpp: arithmetic, activations, reductions, shape, indexing, random.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static partial int at_add(TensorHandle a, TensorHandle b, double alpha, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_sub(TensorHandle a, TensorHandle b, double alpha, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_add_(TensorHandle a, TensorHandle b, double alpha);

    [LibraryImport(Lib)]
    internal static partial int at_sub_(TensorHandle a, TensorHandle b, double alpha);

    [LibraryImport(Lib)]
    internal static partial int at_mul(TensorHandle a, TensorHandle b, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_div(TensorHandle a, TensorHandle b, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_matmul(TensorHandle a, TensorHandle b, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_eq(TensorHandle a, TensorHandle b, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_maximum(TensorHandle a, TensorHandle b, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_pow(TensorHandle a, TensorHandle b, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_mul_(TensorHandle a, TensorHandle b);

    [LibraryImport(Lib)]
    internal static partial int at_div_(TensorHandle a, TensorHandle b);

    [LibraryImport(Lib)]
    internal static partial int at_copy_(TensorHandle a, TensorHandle b);

    [LibraryImport(Lib)]
    internal static partial int at_add_scalar(TensorHandle a, double s, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_mul_scalar(TensorHandle a, double s, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_div_scalar(TensorHandle a, double s, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_rsub_scalar(TensorHandle a, double s, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_pow_scalar(TensorHandle a, double s, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_eq_scalar(TensorHandle a, double s, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_gt_scalar(TensorHandle a, double s, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_lt_scalar(TensorHandle a, double s, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_add_scalar_(TensorHandle a, double s);

    [LibraryImport(Lib)]
    internal static partial int at_mul_scalar_(TensorHandle a, double s);

    [LibraryImport(Lib)]
    internal static partial int at_div_scalar_(TensorHandle a, double s);

    [LibraryImport(Lib)]
    internal static partial int at_fill_(TensorHandle a, double s);

    [LibraryImport(Lib)]
    internal static partial int at_zero_(TensorHandle a);

    [LibraryImport(Lib)]
    internal static partial int at_clamp(TensorHandle a, double lo, double hi, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_neg(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_abs(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_exp(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_log(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_sqrt(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_relu(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_gelu(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_tanh(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_sigmoid(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_sum(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_mean(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_max(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_min(TensorHandle a, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_relu_(TensorHandle a);

    [LibraryImport(Lib)]
    internal static partial int at_softmax(TensorHandle a, long dim, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_log_softmax(TensorHandle a, long dim, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_sum_dim(TensorHandle a, long dim, int keepdim, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_mean_dim(TensorHandle a, long dim, int keepdim, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_argmax(TensorHandle a, long dim, int keepdim, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_var_dim(TensorHandle a, long dim, int unbiased, int keepdim, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_norm(TensorHandle a, double p, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_allclose(TensorHandle a, TensorHandle b, double rtol, double atol, out int result);

    [LibraryImport(Lib)]
    internal static partial int at_equal(TensorHandle a, TensorHandle b, out int result);

    [LibraryImport(Lib)]
    internal static unsafe partial int at_view(TensorHandle a, long* shape, int ndim, out IntPtr result);

    [LibraryImport(Lib)]
    internal static unsafe partial int at_reshape(TensorHandle a, long* shape, int ndim, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_flatten(TensorHandle a, long start, long end, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_narrow(TensorHandle a, long dim, long start, long length, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_transpose(TensorHandle a, long dim0, long dim1, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_unsqueeze(TensorHandle a, long dim, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_squeeze(TensorHandle a, long dim, out IntPtr result);

    [LibraryImport(Lib)]
    internal static unsafe partial int at_cat(IntPtr* tensors, int count, long dim, out IntPtr result);

    [LibraryImport(Lib)]
    internal static unsafe partial int at_stack(IntPtr* tensors, int count, long dim, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_index_select(TensorHandle a, long dim, TensorHandle index, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_index_copy_(TensorHandle a, long dim, TensorHandle index, TensorHandle source);

    [LibraryImport(Lib)]
    internal static partial int at_uniform_(TensorHandle a, double from, double to, GeneratorHandle generator);

    [LibraryImport(Lib)]
    internal static partial int at_normal_(TensorHandle a, double mean, double std, GeneratorHandle generator);

    [LibraryImport(Lib)]
    internal static partial int at_bernoulli_(TensorHandle a, double p, GeneratorHandle generator);

    [LibraryImport(Lib)]
    internal static unsafe partial int at_rand(long* shape, int ndim, int dtype, GeneratorHandle generator, out IntPtr result);

    [LibraryImport(Lib)]
    internal static unsafe partial int at_randn(long* shape, int ndim, int dtype, GeneratorHandle generator, out IntPtr result);

    [LibraryImport(Lib)]
    internal static unsafe partial int at_randint(long low, long high, long* shape, int ndim, GeneratorHandle generator, out IntPtr result);

    [LibraryImport(Lib)]
    internal static partial int at_randperm(long n, GeneratorHandle generator, out IntPtr result);
}
