namespace ActorTrain.Profiling;

/// <summary>The headline figures of a profile, for benchmarks that compare runs without writing files. BytesMoved counts what
/// stages sent each other; StagePeakBytes is each stage's peak tensor memory, by stage index.</summary>
public sealed record ProfileFigures(double? SamplesPerSecond, double? MeasuredBubbleShare, double? TheoreticalBubbleShare, long BytesMoved,
    IReadOnlyList<long> StagePeakBytes);
