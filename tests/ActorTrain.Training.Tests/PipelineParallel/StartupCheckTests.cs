using ActorTrain.Data.Loading;
using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using ActorTrain.Torch;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.PipelineParallel;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Tests.Runs;
using Akka.Actor;

namespace ActorTrain.Training.Tests.PipelineParallel;

public sealed class StartupCheckTests() : Akka.TestKit.Xunit2.TestKit(TrainingActorSystem.Defaults)
{
    [TorchFact]
    public async Task Stages_whose_shapes_do_not_chain_fail_the_dry_run_naming_both_stages_and_shapes()
    {
        var data = TrainingFixtures.Synthetic(train: 256, test: 64, features: 16);
        var options = TrainingFixtures.Options(data, Path.Combine(Path.GetTempPath(), "unused"), 2, "1f1b", 2, 4) with { RunDirectory = null };
        // Stage 0 emits 8 features but stage 1 was built for 12: only a hand-made pipeline can disagree like this.
        var first = new Sequential(new Linear(16, 8));
        var second = new Sequential(new Linear(12, 10));
        var stages = new[]
        {
            new PipelineStage(0, 2, [first], 0, new SGD(first.Parameters(), 0.1), Device.Cpu, [16]),
            new PipelineStage(1, 2, [second], 1, new SGD(second.Parameters(), 0.1), Device.Cpu, [12]),
        };
        var loader = new BatchLoader(data.Train, data.Normalization, new BatchLoaderOptions { BatchSize = 32 });
        var test = new BatchLoader(data.Test, data.Normalization, new BatchLoaderOptions { BatchSize = 32, Shuffle = false });
        var done = new TaskCompletionSource<TrainingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        options = options with { Model = options.Model with { InputShape = [16] } };

        var supervisor = Sys.ActorOf(Props.Create(() => new PipelineSupervisor(options, stages, loader, test, RunPosition.Start,
            LinkFactory.InProcess, DirectCheckpointCommit.Instance, NullTrainingObserver.Instance, TimeProvider.System, TrainingFixtures.Log, done)), "supervisor");
        Watch(supervisor);

        // The supervisor stops itself, and its stages with it, once the run has failed.
        ExpectTerminated(supervisor, TimeSpan.FromSeconds(30));
        var e = await Assert.ThrowsAsync<TrainingSetupException>(() => done.Task);
        Assert.Contains("stage 1 expects input [batch, 12]", e.Message);
        Assert.Contains("stage 0 sent [2, 8]", e.Message);
    }

    [TorchFact]
    public void A_stage_refuses_an_activation_of_the_wrong_dtype()
    {
        var layers = new Sequential(new Linear(4, 2));
        using var stage = new PipelineStage(1, 2, [layers], 1, new SGD(layers.Parameters(), 0.1), Device.Cpu, [4]);

        var e = Assert.Throws<StageShapeException>(() => stage.CheckInput(new([3, 4], ScalarType.Float64), 0));

        Assert.Contains("Float64", e.Message);
    }
}
