namespace ActorTrain.Cluster.Messages;

/// <summary>A worker's answer to <see cref="ClockPing"/>: its monotonic clock, in nanoseconds, when it answered.</summary>
public sealed record ClockPong(int Sequence, long NodeTime);
