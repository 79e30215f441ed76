using ActorTrain.Torch.NN;

namespace ActorTrain.Torch.Tests.NN;

public sealed class DropoutSeedsTests
{
    [TorchFact]
    public void Inside_a_scope_a_layer_draws_the_same_mask_for_the_same_seed_and_another_for_another_seed_or_stream()
    {
        using var first = new Dropout(0.5, stream: 1);
        using var second = new Dropout(0.5, stream: 2);
        using var x = Tensor.Ones([2000]);
        using var a = Draw(first, x, 11);
        using var again = Draw(first, x, 11);
        using var otherSeed = Draw(first, x, 12);
        using var otherStream = Draw(second, x, 11);

        Assert.True(a.ValueEquals(again));
        Assert.False(a.ValueEquals(otherSeed));
        Assert.False(a.ValueEquals(otherStream));
        Assert.Null(DropoutSeeds.Current);
    }

    [TorchFact]
    public void A_seeded_mask_keeps_about_1_minus_p_of_the_elements_scaled_by_1_over_1_minus_p()
    {
        using var layer = new Dropout(0.25);
        using var x = Tensor.Ones([4000]);
        using var y = Draw(layer, x, 3);
        var values = y.ToArrayFloat();
        Assert.All(values, v => Assert.True(v == 0f || Math.Abs(v - 1 / 0.75f) < 1e-6, $"{v}"));
        Assert.InRange(values.Count(v => v == 0f), 850, 1150);
    }

    [TorchFact]
    public void In_eval_mode_a_scope_changes_nothing()
    {
        using var layer = new Dropout(0.5);
        layer.Eval();
        using var x = Tensor.Ones([100]);
        using var y = Draw(layer, x, 3);
        Assert.True(y.ValueEquals(x));
    }

    private static Tensor Draw(Module layer, Tensor x, long seed)
    {
        using var scope = DropoutSeeds.Enter(seed);
        return layer.Forward(x);
    }
}
