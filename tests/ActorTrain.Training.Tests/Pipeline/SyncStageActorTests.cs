using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using ActorTrain.Torch;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Schedules;
using ActorTrain.Training.Tests.Runs;
using Akka.Actor;

namespace ActorTrain.Training.Tests.Pipeline;

/// <summary>One synchronous stage actor between test probes: what it sends through its links and reports to its supervisor.</summary>
public sealed class SyncStageActorTests() : Akka.TestKit.Xunit2.TestKit(TrainingActorSystem.Defaults)
{
    private static readonly TensorMeta OutputMeta = new([2, 3], ScalarType.Float32);

    [TorchFact]
    public void A_first_stage_sends_each_micro_batch_through_its_next_link_and_reports_once_every_gradient_is_back()
    {
        var (next, supervisor) = (CreateTestProbe(), CreateTestProbe());
        var stage = Stage(index: 0);

        Wire(stage, previous: null, next: next, supervisor);
        stage.Tell(new RunStep(0, 2, 4, [Tensor.Ones([2, 4]), Tensor.Ones([2, 4])], null), supervisor);

        var activations = new[] { next.ExpectMsg<Forward>(), next.ExpectMsg<Forward>() };
        Assert.Equal([0, 1], activations.Select(f => f.MicroBatch));
        Assert.All(activations, f => Assert.True(f.Meta.Matches(OutputMeta), f.Meta.ToString()));
        supervisor.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        foreach (var f in activations)
        {
            stage.Tell(new Backward(1, 0, f.MicroBatch, OutputMeta, Tensor.Ones([2, 3])));
            f.Activation.Dispose();
        }

        var done = supervisor.ExpectMsg<StepCompleted>();
        Assert.Equal((0, 0L, (double?)null), (done.Stage, done.Step, done.Loss));
    }

    [TorchFact]
    public void An_activation_of_the_wrong_shape_fails_the_stage_before_it_computes()
    {
        var (previous, supervisor) = (CreateTestProbe(), CreateTestProbe());
        var stage = Stage(index: 1);
        Wire(stage, previous: previous, next: null, supervisor);

        EventFilter.Exception<StageShapeException>(contains: "[batch, 4]").ExpectOne(() =>
            stage.Tell(new Forward(0, 0, 0, new([2, 5], ScalarType.Float32), Tensor.Ones([2, 5]))));

        previous.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private IActorRef Stage(int index)
    {
        var layers = new Sequential(new Linear(4, 3));
        var stage = new PipelineStage(index, 2, [layers], index, new SGD(layers.Parameters(), 0.1), Device.Cpu, [4]);
        var schedule = ScheduleFactory.Create(ScheduleFactory.GPipe);
        return Sys.ActorOf(Props.Create(() => new SyncStageActor(stage, schedule, NullTrainingObserver.Instance, TimeProvider.System, TrainingFixtures.Log))
            .WithDispatcher(StageDispatcher.Id));
    }

    private static void Wire(IActorRef stage, Akka.TestKit.TestProbe? previous, Akka.TestKit.TestProbe? next, Akka.TestKit.TestProbe supervisor)
    {
        IStageLink? Link(Akka.TestKit.TestProbe? to, int toIndex) =>
            to is null ? null : LinkFactory.InProcess.Connect(1 - toIndex, toIndex, to, stage, NullTrainingObserver.Instance, TimeProvider.System);
        stage.Tell(new WireStage(Link(previous, 0), Link(next, 1), supervisor));
    }
}
