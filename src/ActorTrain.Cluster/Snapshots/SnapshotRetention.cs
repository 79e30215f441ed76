namespace ActorTrain.Cluster.Snapshots;

/// <summary>
/// How many serialized snapshots a worker keeps per stage, and the rule the driver mirrors to know what each worker
/// holds: as a stage in one process, the newest two, so that a stage a snapshot ahead of a failed neighbour still
/// holds the one they share.
/// </summary>
internal static class SnapshotRetention
{
    public const int Kept = 2;

    /// <summary>Adds <paramref name="step"/> to the steps held and returns those it pushes out (the oldest beyond <see cref="Kept"/>).</summary>
    public static IReadOnlyList<long> Add(SortedSet<long> held, long step)
    {
        held.Add(step);
        var dropped = new List<long>();
        while (held.Count > Kept)
        {
            dropped.Add(held.Min);
            held.Remove(held.Min);
        }
        return dropped;
    }
}
