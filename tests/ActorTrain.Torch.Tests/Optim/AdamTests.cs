using ActorTrain.Torch.Optim;

namespace ActorTrain.Torch.Tests.Optim;

public class AdamTests
{
    [TorchFact]
    public void Two_steps_match_hand_computed_values()
    {
        // With a constant gradient, bias-corrected m/sqrt(v) is sign(g): each step moves lr against it.
        using var p = Tensor.FromSpan([1f, -1f], [2]).RequiresGrad_();
        using var adam = new Adam([p], learningRate: 0.1);
        float[] g = [0.5f, -2f];
        SGDTests.Backprop(p, g);
        adam.Step();
        SGDTests.AssertClose([0.9, -0.9], p);
        adam.ZeroGrad();
        SGDTests.Backprop(p, g);
        adam.Step();
        SGDTests.AssertClose([0.8, -0.8], p);
        var state = adam.GetState(0);
        SGDTests.AssertClose([0.095, -0.38], state["exp_avg"]);
        SGDTests.AssertClose([0.00049975, 0.007996], state["exp_avg_sq"]);
        Assert.Equal(2L, state["step"].ToScalarLong());
        Assert.Equal(2L, adam.StepCount(0));
    }

    [TorchFact]
    public void Weight_decay_adds_to_the_gradient_before_the_moments()
    {
        using var p = Tensor.FromSpan([2f], [1]).RequiresGrad_();
        using var adam = new Adam([p], learningRate: 0.01, betas: (0.5, 0.75), eps: 1e-3, weightDecay: 0.5);
        // Reference arithmetic of torch.optim.Adam, in doubles.
        double x = 2, m = 0, v = 0;
        for (var step = 1; step <= 2; step++)
        {
            adam.ZeroGrad();
            SGDTests.Backprop(p, [1f]);
            adam.Step();
            var grad = 1 + 0.5 * x;
            m = 0.5 * m + 0.5 * grad;
            v = 0.75 * v + 0.25 * grad * grad;
            var denom = Math.Sqrt(v) / Math.Sqrt(1 - Math.Pow(0.75, step)) + 1e-3;
            x -= 0.01 / (1 - Math.Pow(0.5, step)) * m / denom;
            SGDTests.AssertClose([x], p);
        }
    }

    [TorchFact]
    public void State_and_step_counts_round_trip_through_a_state_dictionary()
    {
        using var p = Tensor.FromSpan([1f, 2f], [2]).RequiresGrad_();
        using var q = Tensor.FromSpan([1f, 2f], [2]).RequiresGrad_();
        using var a = new Adam([p], 0.1);
        using var b = new Adam([q], 0.1);
        for (var i = 0; i < 3; i++)
        {
            a.ZeroGrad();
            SGDTests.Backprop(p, [1f, -1f]);
            a.Step();
        }
        b.LoadStateDict(a.StateDict());
        Assert.Equal(3L, b.StepCount(0));
        Assert.Equal(["param.0.exp_avg", "param.0.exp_avg_sq", "param.0.step"], b.StateDict().Keys.Order());
        using (Torch.NoGrad()) q.Copy_(p);
        a.ZeroGrad();
        SGDTests.Backprop(p, [1f, -1f]);
        a.Step();
        SGDTests.Backprop(q, [1f, -1f]);
        b.Step();
        Assert.True(p.ValueEquals(q));
    }
}
