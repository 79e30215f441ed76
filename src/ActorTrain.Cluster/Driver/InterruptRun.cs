namespace ActorTrain.Cluster.Driver;

/// <summary>
/// The driver's process got SIGINT or SIGTERM: dispatch stops, the steps in flight finish, the workers write a final
/// checkpoint and the run ends as interrupted (the workers then stop with it).
/// </summary>
internal sealed record InterruptRun
{
    public static readonly InterruptRun Instance = new();
}
