namespace ActorTrain.Profiling;

/// <summary>The headline figures of a profile, for benchmarks that compare runs without writing files.</summary>
public sealed record ProfileFigures(double? SamplesPerSecond, double? MeasuredBubbleShare, double? TheoreticalBubbleShare, long BytesMoved);
