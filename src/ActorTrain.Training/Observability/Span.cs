namespace ActorTrain.Training.Observability;

/// <summary>
/// One timed piece of work by one stage (or worker). Timestamps come from the run's
/// <see cref="TimeProvider.GetTimestamp"/>; <see cref="Bytes"/> is the payload for Send/Receive spans.
/// MicroBatch is -1 where the span covers a whole mini-batch (an optimizer step after a flush; without flush, each
/// optimizer step names the micro-batch whose backward it follows).
/// </summary>
public readonly record struct Span(
    int Stage,
    SpanKind Kind,
    long Step,
    int MicroBatch,
    long StartTimestamp,
    long EndTimestamp,
    long Bytes = 0);
