namespace ActorTrain.Training.Checkpoints;

/// <summary>
/// The seam around a checkpoint's commit point: the run calls it once every stage file of a checkpoint is on disk, with
/// the action that writes the manifest. Storage fault injection decorates it (a failed write, a death before the
/// manifest) without touching the writer's logic.
/// </summary>
public interface ICheckpointCommit
{
    /// <summary>The commit of a run without storage faults: it writes the manifest and nothing else.</summary>
    static ICheckpointCommit Direct => DirectCheckpointCommit.Instance;

    /// <summary>Commits the checkpoint of <paramref name="step"/> in <paramref name="directory"/> by running <paramref name="seal"/>.</summary>
    /// <exception cref="IOException">the checkpoint was not committed (the previous committed one stays the newest).</exception>
    void Commit(long step, string directory, Action seal);
}
