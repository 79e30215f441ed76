using ActorTrain.Torch;
using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.Tests.Pipeline;

/// <summary>
/// A middle stage with two micro-batches in flight: forward 0, forward 1, backward 0 and update (weights move to
/// version 1), backward 1. The input gradient of one linear layer is g·W, so it shows which weights backward 1 used.
/// </summary>
public class WeightStashingTests
{
    [TorchFact]
    public void With_stashing_the_second_backward_uses_the_weights_its_forward_used()
    {
        using var run = TwoInFlight.Run(weightStashing: true);

        Assert.Equal((0L, 0L), run.Stage.LastBackwardVersions);
        Assert.Equal(1, run.Stage.WeightVersion);
        using var expected = run.Gradient1.Matmul(run.Weights0);
        Assert.True(run.InputGradient1.AllClose(expected, 1e-6, 1e-7));
        using var notStale = run.Gradient1.Matmul(run.Weights1);
        Assert.False(run.InputGradient1.AllClose(notStale, 1e-6, 1e-7));
    }

    [TorchFact]
    public void Without_stashing_the_second_backward_uses_the_newest_weights()
    {
        using var run = TwoInFlight.Run(weightStashing: false);

        Assert.Equal((0L, 1L), run.Stage.LastBackwardVersions);
        using var expected = run.Gradient1.Matmul(run.Weights1);
        Assert.True(run.InputGradient1.AllClose(expected, 1e-6, 1e-7));
    }

    [TorchFact]
    public void Either_way_the_update_lands_on_the_newest_weights_and_the_stage_keeps_its_parameters()
    {
        foreach (var stashing in new[] { true, false })
        {
            using var run = TwoInFlight.Run(stashing);
            var weight = run.Stage.Optimizer.Parameters[0];
            using var before = weight.Detach().Clone();
            run.Stage.Step();

            // SGD without momentum: W2 = W1 - lr * g1ᵀ x1, whatever weights backward 1 read.
            using var gradW = run.Gradient1.T().Matmul(run.Input1);
            using var step = gradW.Mul(TwoInFlight.LearningRate);
            using var expected = run.Weights1.Sub(step);
            Assert.True(weight.AllClose(expected, 1e-6, 1e-7), $"stashing {stashing}");
            Assert.True(weight.RequiresGrad);
        }
    }

    [TorchFact]
    public void Tracked_in_place_updates_make_the_pending_backward_fail_which_is_why_async_needs_the_other_two()
    {
        using var layers = new Sequential(new Linear(4, 3));
        using var stage = new PipelineStage(1, 3, [layers], 1, new SGD(layers.Parameters(), 0.1), Device.Cpu, [4]);
        using var x0 = Tensor.Randn([2, 4]);
        using var x1 = Tensor.Randn([2, 4]);
        using var g = Tensor.Randn([2, 3]);
        using var y0 = stage.Forward(0, x0);
        using var y1 = stage.Forward(1, x1);
        using var gin0 = stage.Backward(0, g);
        var weight = ((Linear)layers[0]).Weight;
        var version = weight.Version;

        stage.Step();

        Assert.True(weight.Version > version);
        var e = Assert.Throws<TorchException>(() => stage.Backward(1, g));
        Assert.Contains("inplace", e.Message);
    }

    [TorchFact]
    public void Untracked_and_fresh_storage_updates_leave_the_version_counter_alone()
    {
        foreach (var kind in new[] { ParameterUpdate.InPlaceUntracked, ParameterUpdate.FreshStorage })
        {
            using var p = Tensor.Ones([3]);
            p.RequiresGrad = true;
            using var sgd = new SGD([p], 0.5) { UpdateKind = kind };
            using var grad = Tensor.Ones([3]);
            p.SetGrad(grad);

            sgd.Step();

            Assert.Equal(0, p.Version);
            Assert.Equal([0.5f, 0.5f, 0.5f], p.ToArrayFloat());
        }
    }

    private sealed class TwoInFlight : IDisposable
    {
        public const double LearningRate = 0.1;

        public required PipelineStage Stage { get; init; }
        public required Tensor Input1 { get; init; }
        public required Tensor Weights0 { get; init; }
        public required Tensor Weights1 { get; init; }
        public required Tensor Gradient1 { get; init; }
        public required Tensor InputGradient1 { get; init; }

        public static TwoInFlight Run(bool weightStashing)
        {
            Torch.Torch.ManualSeed(3);
            var layers = new Sequential(new Linear(4, 3));
            var stage = new PipelineStage(1, 3, [layers], 1, new SGD(layers.Parameters(), LearningRate), Device.Cpu, [4]);
            stage.UpdateWithoutFlush(weightStashing);
            var weight = ((Linear)layers[0]).Weight;
            var weights0 = weight.Detach().Clone();
            using var x0 = Tensor.Randn([2, 4]);
            var x1 = Tensor.Randn([2, 4]);
            using var g0 = Tensor.Randn([2, 3]);
            var g1 = Tensor.Randn([2, 3]);

            using (stage.Forward(0, x0))
            using (stage.Forward(1, x1))
            using (stage.Backward(0, g0))
            {
            }
            stage.Step();
            var weights1 = weight.Detach().Clone();
            var gin1 = stage.Backward(1, g1)!;
            return new TwoInFlight { Stage = stage, Input1 = x1, Weights0 = weights0, Weights1 = weights1, Gradient1 = g1, InputGradient1 = gin1 };
        }

        public void Dispose()
        {
            Stage.Dispose();
            foreach (var t in new[] { Input1, Weights0, Weights1, Gradient1, InputGradient1 }) t.Dispose();
        }
    }
}
