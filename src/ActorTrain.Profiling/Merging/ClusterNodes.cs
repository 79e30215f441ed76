namespace ActorTrain.Profiling.Merging;

/// <summary>
/// What the driver of a clustered run learns about its workers for the profile, as it happens: who joined, each one's
/// clock offset, where the stages went, and whose part of the trace arrived (or why not). The driver's actor writes it,
/// the command reads it once the run is over to merge the trace; a lock keeps both sides consistent.
/// </summary>
public sealed class ClusterNodes(string partsDirectory)
{
    private readonly Lock _gate = new();
    private readonly List<ClusterWorker> _workers = [];

    /// <summary>Where the workers write their parts (inside the run directory, which every node writes its stage files to).</summary>
    public string PartsDirectory => partsDirectory;

    public string DriverAddress { get; set; } = "driver";

    public void Joined(string address, int pid) => Update(address, w => w, () => new ClusterWorker(address, pid));

    public void ClockMeasured(string address, ClockOffset offset) => Update(address, w => w with { Clock = offset, ClockProblem = null });

    public void ClockFailed(string address, string reason) => Update(address, w => w with { ClockProblem = reason });

    public void Placed(string address, int rank, IReadOnlyList<int> stages) => Update(address, w => w with { Rank = rank, Stages = stages.ToArray() });

    public void Delivered(int rank, string path) => UpdateRank(rank, w => w with { PartPath = path, Missing = null });

    public void NotDelivered(int rank, string reason) => UpdateRank(rank, w => w with { PartPath = null, Missing = reason });

    /// <summary>The ranks of the placed workers whose part has neither arrived nor been given up on.</summary>
    public IReadOnlyList<int> Undelivered()
    {
        lock (_gate) return _workers.Where(w => w.Rank >= 0 && w.PartPath is null && w.Missing is null).Select(w => w.Rank).ToArray();
    }

    /// <summary>The placed workers, by rank.</summary>
    internal IReadOnlyList<ClusterWorker> Workers()
    {
        lock (_gate) return _workers.Where(w => w.Rank >= 0).OrderBy(w => w.Rank).ToArray();
    }

    private void Update(string address, Func<ClusterWorker, ClusterWorker> change, Func<ClusterWorker>? create = null)
    {
        lock (_gate)
        {
            var index = _workers.FindIndex(w => w.Address == address);
            if (index >= 0) _workers[index] = change(_workers[index]);
            else if (create is not null) _workers.Add(change(create()));
        }
    }

    private void UpdateRank(int rank, Func<ClusterWorker, ClusterWorker> change)
    {
        lock (_gate)
        {
            var index = _workers.FindIndex(w => w.Rank == rank);
            if (index >= 0) _workers[index] = change(_workers[index]);
        }
    }
}
