namespace ActorTrain.Profiling.Merging;

/// <summary>
/// One tensor crossing between nodes over Gloo, as one side saw it: a send (the stage thread blocked in the header and
/// payload sends) or a receive (the receive loop from the header's arrival to the payload's). Bytes count header and
/// payload; timestamps are the recording node's ticks.
/// </summary>
public readonly record struct TransferSpan(
    bool IsReceive,
    int FromStage,
    int ToStage,
    int PeerRank,
    long Step,
    int MicroBatch,
    long StartTimestamp,
    long EndTimestamp,
    long Bytes)
{
    /// <summary>Forward traffic (an activation) goes up the stages, backward (a gradient) down.</summary>
    public bool IsActivation => FromStage < ToStage;
}
