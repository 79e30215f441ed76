using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Analysis;

/// <summary>Throughput, traffic and per-stage figures for every segment the run spent in one mode.</summary>
/// <param name="WallSeconds">Total time of the mode's segments, evaluation included.</param>
/// <param name="BytesMoved">Payload of every Send span in the mode (a transfer's Receive side is not counted again).</param>
/// <param name="BytesPerStep">Per step of the mode: a mini-batch, or in ist a round (slices to and from every worker).</param>
/// <param name="SubnetShare">ist only: the weight share per worker per round, measured and predicted.</param>
internal sealed record ModeFigures(
    string Mode,
    int Steps,
    long Samples,
    double WallSeconds,
    double? SamplesPerSecond,
    long BytesMoved,
    double? BytesPerStep,
    BubbleFigures Bubble,
    IReadOnlyList<StageFigures> Stages,
    SubnetShare? SubnetShare);
