using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Training.Decoupled;

internal sealed partial class DecoupledStageActor
{
    /// <summary>Writes this stage's state (sync layout) from its own thread, where its tensors live; every stage has finished its batches.</summary>
    private void OnSave(SaveStage save)
    {
        Pipeline.StageState.Save(save.Path, _stage.Stage, save.Metadata);
        Sender.Tell(new StageSaved(Index, save.Path), Self);
    }
}
