using ActorTrain.Torch;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.Runs;
using Akka.Actor;

namespace ActorTrain.Training.Tests.Hosting;

/// <summary>The receiver of a message owns its tensors; when nobody receives it, the dead-letter disposer frees them.</summary>
public sealed class DeadLetterDisposerTests : Akka.TestKit.Xunit2.TestKit
{
    public DeadLetterDisposerTests() : base(TrainingActorSystem.Defaults) => TrainingActorSystem.StartDeadLetterDisposer(Sys);

    [TorchFact]
    public void An_activation_sent_to_a_stopped_stage_has_its_tensor_freed()
    {
        var stage = CreateTestProbe();
        Watch(stage);
        Sys.Stop(stage);
        ExpectTerminated(stage);
        var activation = Tensor.Ones([2, 3]);

        EventFilter.DeadLetter<Forward>().ExpectOne(() =>
            stage.Ref.Tell(new Forward(0, 0, 0, new([2, 3], ScalarType.Float32), activation)));

        AwaitCondition(() => activation.IsDisposed);
    }

    [Fact]
    public void A_dead_letter_without_tensors_is_left_alone()
    {
        var stage = CreateTestProbe();
        Watch(stage);
        Sys.Stop(stage);
        ExpectTerminated(stage);

        EventFilter.DeadLetter<StepCompleted>().ExpectOne(() => stage.Ref.Tell(new StepCompleted(0, 0, null, 0)));
    }
}
