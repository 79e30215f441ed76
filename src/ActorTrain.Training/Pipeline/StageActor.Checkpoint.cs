using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Training.Pipeline;

internal abstract partial class StageActor
{
    /// <summary>Writes this stage's state from its own thread, where its tensors live; the pipeline is drained.</summary>
    private void OnSave(SaveStage save)
    {
        StageState.Save(save.Path, _stage, save.Metadata);
        Sender.Tell(new StageSaved(Index, save.Path), Self);
    }
}
