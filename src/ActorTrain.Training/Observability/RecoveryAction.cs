namespace ActorTrain.Training.Observability;

/// <summary>How the supervisor answered a stage failure.</summary>
public enum RecoveryAction
{
    /// <summary>Every stage went back to the last complete in-memory snapshot and the same batches were replayed.</summary>
    Rollback,
    /// <summary>No snapshot, or the restart budget was spent: the run failed.</summary>
    Stop,
}
