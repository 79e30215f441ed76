namespace ActorTrain.Cluster.Messages;

/// <summary>
/// Worker <paramref name="Rank"/> wrote its part of the profile to <paramref name="Path"/> (<paramref name="Records"/>
/// spans and transfers), or could not (<paramref name="Failure"/> says why, <paramref name="Path"/> is null).
/// </summary>
public sealed record ProfilePartWritten(int Rank, string? Path, int Records, string? Failure);
