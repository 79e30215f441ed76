using ActorTrain.Torch.NN;

namespace ActorTrain.Torch.Tests.NN;

public class ModuleTests
{
    private static Sequential Mlp() => new(new Linear(4, 8), new ReLU(), new BatchNorm1d(8), new Linear(8, 3, bias: false));

    [TorchFact]
    public void Parameters_and_buffers_have_pytorch_names_in_registration_order()
    {
        using var net = Mlp();
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "3.weight"], net.NamedParameters().Select(p => p.Key));
        Assert.Equal(["2.running_mean", "2.running_var", "2.num_batches_tracked"], net.NamedBuffers().Select(b => b.Key));
        Assert.Equal(
            ["0.weight", "0.bias", "2.weight", "2.bias", "2.running_mean", "2.running_var", "2.num_batches_tracked", "3.weight"],
            net.StateDict().Keys);
        Assert.All(net.Parameters(), p => Assert.True(p.RequiresGrad));
        Assert.Equal(4 * 8 + 8 + 8 + 8 + 8 * 3, net.ParameterCount());
    }

    [TorchFact]
    public void A_state_dictionary_round_trips_into_a_fresh_module()
    {
        using var a = Mlp();
        using var b = Mlp();
        using var x = Tensor.Randn([5, 4]);
        using (var warm = a.Forward(x)) { }
        b.LoadStateDict(a.StateDict());
        a.Eval();
        b.Eval();
        using var ya = a.Forward(x);
        using var yb = b.Forward(x);
        Assert.True(ya.ValueEquals(yb));
        foreach (var (key, value) in a.StateDict())
            Assert.True(value.ValueEquals(b.StateDict()[key]), key);
    }

    [TorchFact]
    public void Loading_a_tensor_of_the_wrong_shape_names_the_key_and_both_shapes()
    {
        using var a = new Linear(4, 8);
        using var wrong = Tensor.Zeros([8, 5]);
        using var bias = Tensor.Zeros([8]);
        var e = Assert.Throws<ArgumentException>(() =>
            a.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = wrong, ["bias"] = bias }));
        Assert.Contains("weight", e.Message);
        Assert.Contains("[8, 4]", e.Message);
        Assert.Contains("[8, 5]", e.Message);
    }

    [TorchFact]
    public void Strict_loading_refuses_missing_and_unexpected_keys()
    {
        using var a = new Linear(2, 2);
        using var w = Tensor.Zeros([2, 2]);
        var e = Assert.Throws<ArgumentException>(() =>
            a.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = w, ["extra"] = w }));
        Assert.Contains("missing [bias]", e.Message);
        Assert.Contains("unexpected [extra]", e.Message);
    }

    [TorchFact]
    public void Linear_initialisation_stays_within_pytorch_bounds()
    {
        using var layer = new Linear(100, 50);
        var bound = 1 / Math.Sqrt(100);
        using var wAbs = layer.Weight.Abs();
        using var wMax = wAbs.Max();
        using var bAbs = layer.Bias!.Abs();
        using var bMax = bAbs.Max();
        Assert.True(wMax.ToScalarDouble() <= bound);
        Assert.True(bMax.ToScalarDouble() <= bound);
    }

    [TorchFact]
    public void A_sequential_slice_shares_layers_and_keeps_their_names()
    {
        using var net = Mlp();
        using (var stage = net.Slice(2, 2))
        {
            Assert.Equal(2, stage.Count);
            Assert.Same(net[3], stage[1]);
            Assert.Equal(["2.weight", "2.bias", "3.weight"], stage.NamedParameters().Select(p => p.Key));
        }
        Assert.False(((Linear)net[3]).Weight.IsDisposed);
    }

    [TorchFact]
    public void Disposing_a_module_frees_its_parameters()
    {
        var net = Mlp();
        var weight = ((Linear)net[0]).Weight;
        net.Dispose();
        Assert.True(weight.IsDisposed);
    }

    [TorchFact]
    public void Train_and_eval_propagate_to_children_and_control_dropout()
    {
        using var net = new Sequential(new Dropout(0.5));
        using var x = Tensor.Ones([1000]);
        net.Eval();
        Assert.False(net[0].IsTraining);
        using (var y = net.Forward(x)) Assert.True(y.ValueEquals(x));
        net.Train();
        using var dropped = net.Forward(x);
        using var zeros = dropped.Eq(0);
        using var zeroCount = zeros.Sum();
        Assert.InRange(zeroCount.ToScalarLong(), 350, 650);
    }

    [TorchFact]
    public void Conv_pool_and_flatten_produce_the_expected_shapes()
    {
        using var net = new Sequential(new Conv2d(1, 4, 3, padding: 1), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(4 * 14 * 14, 10));
        using var x = Tensor.Randn([2, 1, 28, 28]);
        using var y = net.Forward(x);
        Assert.Equal([2L, 10L], y.Shape);
    }
}
