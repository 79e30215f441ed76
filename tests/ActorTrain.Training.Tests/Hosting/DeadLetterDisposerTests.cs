using ActorTrain.Torch;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Pipeline.Messages;
using Akka.Actor;
using Akka.Event;

namespace ActorTrain.Training.Tests.Hosting;

/// <summary>The receiver of a message owns its tensors; when nobody receives it, the dead-letter disposer frees them.</summary>
public sealed class DeadLetterDisposerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public DeadLetterDisposerTests() : base(TrainingActorSystem.Defaults) => TrainingActorSystem.StartDeadLetterDisposer(Sys);

    [TorchFact]
    public void An_activation_sent_to_a_stopped_stage_has_its_tensor_freed()
    {
        var (stage, deadLetters) = (StoppedStage(), DeadLetterWatch());
        var activation = Tensor.Ones([2, 3]);

        stage.Tell(Activation(activation));

        deadLetters.ExpectMsg<DeadLetter>(d => d.Message is Forward, Patience);
        AwaitCondition(() => activation.IsDisposed, Patience);
    }

    [TorchFact]
    public void A_dead_letter_without_tensors_is_left_alone_and_the_disposer_goes_on()
    {
        var (stage, deadLetters) = (StoppedStage(), DeadLetterWatch());
        var activation = Tensor.Ones([2, 3]);

        stage.Tell(new StepCompleted(0, 0, null, 0));
        stage.Tell(Activation(activation));

        deadLetters.ExpectMsg<DeadLetter>(d => d.Message is StepCompleted, Patience);
        AwaitCondition(() => activation.IsDisposed, Patience);
    }

    private static Forward Activation(Tensor t) => new(0, 0, 0, new([2, 3], ScalarType.Float32), t);

    private IActorRef StoppedStage()
    {
        var stage = CreateTestProbe().Ref;
        Watch(stage);
        Sys.Stop(stage);
        ExpectTerminated(stage);
        return stage;
    }

    private Akka.TestKit.TestProbe DeadLetterWatch()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DeadLetter));
        return probe;
    }
}
