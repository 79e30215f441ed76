namespace ActorTrain.Training.Observability;

/// <summary>What a stage was doing during a <see cref="Span"/>.</summary>
public enum SpanKind
{
    Forward,
    Backward,
    OptimizerStep,
    /// <summary>Blocked waiting for a neighbour's activation or gradient (the pipeline bubble).</summary>
    Wait,
    Send,
    Receive,
    Evaluate,
    /// <summary>Copying the stage's weights and optimizer state in memory (recovery's snapshot).</summary>
    Snapshot,
}
