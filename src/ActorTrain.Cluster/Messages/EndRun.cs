namespace ActorTrain.Cluster.Messages;

/// <summary>The run is over: a worker stops its stages and closes its links. <paramref name="Failure"/> says why, when the run failed.</summary>
public sealed record EndRun(string? Failure)
{
    public static readonly EndRun Done = new((string?)null);
}
