namespace ActorTrain.Torch.Tests;

public class OpsTests
{
    [TorchFact]
    public void Arithmetic_operators_broadcast_and_compute_element_wise()
    {
        using var a = Tensor.FromSpan([1f, 2f, 3f, 4f], [2, 2]);
        using var b = Tensor.FromSpan([10f, 20f], [2]);
        using var sum = a + b;
        using var diff = a - b;
        using var prod = a * 2;
        using var quot = 1 - a / 2;
        Assert.Equal([11f, 22f, 13f, 24f], sum.ToArrayFloat());
        Assert.Equal([-9f, -18f, -7f, -16f], diff.ToArrayFloat());
        Assert.Equal([2f, 4f, 6f, 8f], prod.ToArrayFloat());
        Assert.Equal([0.5f, 0f, -0.5f, -1f], quot.ToArrayFloat());
    }

    [TorchFact]
    public void In_place_ops_change_the_tensor_and_return_it()
    {
        using var a = Tensor.FromSpan([1f, 2f], [2]);
        using var b = Tensor.FromSpan([3f, 5f], [2]);
        Assert.Same(a, a.Add_(b, alpha: 2).Mul_(0.5));
        Assert.Equal([3.5f, 6f], a.ToArrayFloat());
        a.Zero_();
        Assert.Equal([0f, 0f], a.ToArrayFloat());
        a.Copy_(b);
        Assert.Equal([3f, 5f], a.ToArrayFloat());
    }

    [TorchFact]
    public void Matmul_with_mismatched_shapes_names_both_shapes()
    {
        using var a = Tensor.Zeros([2, 3]);
        using var b = Tensor.Zeros([4, 5]);
        var e = Assert.Throws<TorchException>(() => a.Matmul(b));
        Assert.Contains("2x3", e.Message);
        Assert.Contains("4x5", e.Message);
    }

    [TorchFact]
    public void Matmul_multiplies_matrices()
    {
        using var a = Tensor.FromSpan([1f, 2f, 3f, 4f], [2, 2]);
        using var b = Tensor.FromSpan([5f, 6f, 7f, 8f], [2, 2]);
        using var c = a.Matmul(b);
        Assert.Equal([19f, 22f, 43f, 50f], c.ToArrayFloat());
    }

    [TorchFact]
    public void Softmax_rows_sum_to_one_and_log_softmax_is_its_log()
    {
        using var x = Tensor.FromSpan([1f, 2f, 3f, 0f, 0f, 0f], [2, 3]);
        using var s = x.Softmax(1);
        using var rowSums = s.Sum(1);
        Assert.All(rowSums.ToArrayFloat(), v => Assert.Equal(1f, v, 5));
        using var ls = x.LogSoftmax(1);
        using var expected = s.Log();
        Assert.True(ls.AllClose(expected, 1e-5, 1e-6));
        using var third = Tensor.Full([3], 1.0 / 3);
        using var uniformRow = s.Narrow(0, 1, 1).Reshape(3);
        Assert.True(uniformRow.AllClose(third));
    }

    [TorchFact]
    public void Reductions_and_comparisons_give_expected_values()
    {
        using var x = Tensor.FromSpan([1f, 5f, 3f, 4f, 2f, 6f], [2, 3]);
        using var total = x.Sum();
        using var mean = x.Mean(0);
        using var argmax = x.Argmax(1);
        using var other = Tensor.FromSpan([1f, 0f, 3f, 0f, 2f, 0f], [2, 3]);
        using var eq = x.Eq(other);
        using var eqCount = eq.Sum();
        Assert.Equal(21f, total.ToScalarFloat());
        Assert.Equal([2.5f, 3.5f, 4.5f], mean.ToArrayFloat());
        Assert.Equal([1L, 2L], argmax.ToArrayLong());
        Assert.Equal(3L, eqCount.ToScalarLong());
    }

    [TorchFact]
    public void Activations_match_their_formulas()
    {
        using var x = Tensor.FromSpan([-1f, 0f, 2f], [3]);
        using var relu = x.Relu();
        using var tanh = x.Tanh();
        using var sigmoid = x.Sigmoid();
        using var gelu = x.Gelu();
        Assert.Equal([0f, 0f, 2f], relu.ToArrayFloat());
        Assert.Equal(MathF.Tanh(-1f), tanh.ToArrayFloat()[0], 6);
        Assert.Equal(1 / (1 + MathF.Exp(-2f)), sigmoid.ToArrayFloat()[2], 6);
        Assert.Equal(1.9544997f, gelu.ToArrayFloat()[2], 5);
    }

    [TorchFact]
    public void Index_select_and_index_copy_slice_rows_and_write_them_back()
    {
        using var w = Tensor.FromSpan([0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], [3, 3]);
        using var rows = Tensor.FromArray(2L, 0L);
        using var picked = w.IndexSelect(0, rows);
        Assert.Equal([6f, 7f, 8f, 0f, 1f, 2f], picked.ToArrayFloat());
        using var cols = Tensor.FromArray(1L);
        using var block = picked.IndexSelect(1, cols);
        Assert.Equal([7f, 1f], block.ToArrayFloat());
        block.Mul_(-1);
        picked.IndexCopy_(1, cols, block);
        w.IndexCopy_(0, rows, picked);
        Assert.Equal([0f, -1f, 2f, 3f, 4f, 5f, 6f, -7f, 8f], w.ToArrayFloat());
    }

    [TorchFact]
    public void Shape_ops_view_narrow_flatten_and_cat()
    {
        using var x = Tensor.Arange(0, 12, 1, ScalarType.Float32);
        using var m = x.View(3, 4);
        using var n = m.Narrow(1, 1, 2);
        Assert.Equal([3L, 2L], n.Shape);
        Assert.Equal([1f, 2f, 5f, 6f, 9f, 10f], n.ToArrayFloat());
        using var r = m.Reshape(2, -1, 2);
        using var f = r.Flatten(1);
        Assert.Equal([2L, 6L], f.Shape);
        using var c = Tensor.Cat([m, m], 0);
        Assert.Equal([6L, 4L], c.Shape);
        using var t = m.T().Contiguous();
        Assert.Equal([4L, 3L], t.Shape);
        Assert.Equal(4f, t.ToArrayFloat()[1]);
    }

    [TorchFact]
    public void Random_draws_repeat_under_the_same_seed_and_generator()
    {
        Torch.ManualSeed(42);
        using var a = Tensor.Randn([5]);
        Torch.ManualSeed(42);
        using var b = Tensor.Randn([5]);
        Assert.True(a.ValueEquals(b));
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        using var u1 = Tensor.Empty([100]).Uniform_(-2, 2, g1);
        using var u2 = Tensor.Empty([100]).Uniform_(-2, 2, g2);
        Assert.True(u1.ValueEquals(u2));
        using var min = u1.Min();
        using var max = u1.Max();
        Assert.True(min.ToScalarFloat() >= -2 && max.ToScalarFloat() < 2);
        using var perm = Tensor.RandPerm(10, g1);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), perm.ToArrayLong().Order());
    }

    [TorchFact]
    public void Kaiming_uniform_stays_within_its_bound()
    {
        using var w = Tensor.Empty([64, 100]).KaimingUniform_(a: 0);
        var bound = Math.Sqrt(3) * Math.Sqrt(2) / Math.Sqrt(100);
        using var abs = w.Abs();
        using var max = abs.Max();
        Assert.True(max.ToScalarDouble() <= bound);
        Assert.True(max.ToScalarDouble() > 0.9 * bound);
    }
}
