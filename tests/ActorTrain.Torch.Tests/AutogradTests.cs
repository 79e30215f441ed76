using ActorTrain.Torch.NN;

namespace ActorTrain.Torch.Tests;

public class AutogradTests
{
    // x = [[1, 2], [3, 4]], W = [[0.5, -1], [2, 0], [1, 1]], b = [0.1, 0.2, 0.3], all requiring gradients.
    private sealed class LinearCase : IDisposable
    {
        public Tensor X { get; } = Tensor.FromSpan([1f, 2f, 3f, 4f], [2, 2]).RequiresGrad_();
        public Tensor W { get; } = Tensor.FromSpan([0.5f, -1f, 2f, 0f, 1f, 1f], [3, 2]).RequiresGrad_();
        public Tensor B { get; } = Tensor.FromSpan([0.1f, 0.2f, 0.3f], [3]).RequiresGrad_();

        public Tensor Forward() => Functional.Linear(X, W, B);

        public void Dispose()
        {
            X.Dispose();
            W.Dispose();
            B.Dispose();
        }
    }

    [TorchFact]
    public void Linear_forward_matches_hand_computed_values()
    {
        using var c = new LinearCase();
        using var y = c.Forward();
        Assert.Equal([2L, 3L], y.Shape);
        var v = y.ToArrayFloat();
        float[] expected = [-1.4f, 2.2f, 3.3f, -2.4f, 6.2f, 7.3f];
        for (var i = 0; i < 6; i++) Assert.Equal(expected[i], v[i], 5);
    }

    [TorchFact]
    public void Backward_with_an_upstream_gradient_gives_hand_computed_gradients()
    {
        using var c = new LinearCase();
        using var y = c.Forward();
        using var upstream = Tensor.FromSpan([1f, 0f, 2f, 0f, 1f, -1f], [2, 3]);
        y.Backward(upstream);
        using var gw = c.W.Grad!;
        using var gb = c.B.Grad!;
        using var gx = c.X.Grad!;
        // dW = Gᵀx, db = column sums of G, dx = G·W.
        Assert.Equal([1f, 2f, 3f, 4f, -1f, 0f], gw.ToArrayFloat());
        Assert.Equal([1f, 1f, 1f], gb.ToArrayFloat());
        Assert.Equal([2.5f, 1f, 1f, -1f], gx.ToArrayFloat());
    }

    [TorchFact]
    public void Gradients_accumulate_until_zeroed_or_dropped()
    {
        using var p = Tensor.FromSpan([1f, 2f], [2]).RequiresGrad_();
        Assert.Null(p.Grad);
        for (var i = 0; i < 2; i++)
        {
            using var prod = p * 3;
            using var loss = prod.Sum();
            loss.Backward();
        }
        using (var g = p.Grad!) Assert.Equal([6f, 6f], g.ToArrayFloat());
        p.ZeroGrad(setToNone: false);
        using (var g = p.Grad!) Assert.Equal([0f, 0f], g.ToArrayFloat());
        p.ZeroGrad();
        Assert.Null(p.Grad);
    }

    [TorchFact]
    public void No_grad_scope_stops_recording_on_its_thread_only()
    {
        using var p = Tensor.Ones([2]).RequiresGrad_();
        var otherThreadRecorded = false;
        using (Torch.NoGrad())
        {
            Assert.False(Torch.IsGradEnabled);
            using var y = p * 2;
            Assert.False(y.RequiresGrad);
            var t = new Thread(() =>
            {
                using var z = p * 2;
                otherThreadRecorded = z.RequiresGrad;
            });
            t.Start();
            t.Join();
        }
        Assert.True(otherThreadRecorded);
        Assert.True(Torch.IsGradEnabled);
        using var after = p * 2;
        Assert.True(after.RequiresGrad);
    }

    [TorchFact]
    public void Detach_cuts_the_graph()
    {
        using var p = Tensor.Ones([2]).RequiresGrad_();
        using var y = p * 2;
        using var d = y.Detach();
        Assert.False(d.RequiresGrad);
        Assert.True(d.IsLeaf);
        Assert.False(y.IsLeaf);
    }
}
