namespace ActorTrain.Training.Observability;

/// <summary>How the supervisor answered a stage failure or a checkpoint that could not be written.</summary>
public enum RecoveryAction
{
    /// <summary>Every stage went back to the last complete in-memory snapshot and the same batches were replayed.</summary>
    Rollback,
    /// <summary>No snapshot, or the restart budget was spent, or a checkpoint failed under on-checkpoint-failure = stop: the run failed.</summary>
    Stop,
    /// <summary>A checkpoint could not be written: it was dropped, the previous committed one stays, the run went on.</summary>
    KeepCommitted,
}
