namespace ActorTrain.Training.Checkpoints;

/// <summary>The commit of a run without storage faults: the manifest is written, nothing else.</summary>
internal sealed class DirectCheckpointCommit : ICheckpointCommit
{
    public static readonly DirectCheckpointCommit Instance = new();

    public void Commit(long step, string directory, Action seal) => seal();
}
