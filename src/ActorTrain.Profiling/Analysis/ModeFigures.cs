namespace ActorTrain.Profiling.Analysis;

/// <summary>Throughput, traffic and per-stage figures for every segment the run spent in one mode.</summary>
/// <param name="WallSeconds">Total time of the mode's segments, evaluation included.</param>
/// <param name="BytesMoved">Payload of every Send span in the mode (a transfer's Receive side is not counted again).</param>
internal sealed record ModeFigures(
    string Mode,
    int Steps,
    long Samples,
    double WallSeconds,
    double? SamplesPerSecond,
    long BytesMoved,
    double? BytesPerStep,
    BubbleFigures Bubble,
    IReadOnlyList<StageFigures> Stages);
