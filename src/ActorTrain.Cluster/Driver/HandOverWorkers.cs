namespace ActorTrain.Cluster.Driver;

/// <summary>Asks a driver whose run generation ended for its workers, answered with <see cref="AdoptWorkers"/> (fresh entries, unplaced).</summary>
internal sealed record HandOverWorkers
{
    public static readonly HandOverWorkers Instance = new();
}
