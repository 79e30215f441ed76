using ActorTrain.Training.PipelineParallel;

namespace ActorTrain.Cluster.Snapshots;

/// <summary>
/// The driver's account of the in-memory snapshots of a clustered pipeline: per snapshot step where the data stood
/// (recorded when the step is dispatched), and which worker holds a copy of which stage's snapshot (from their
/// acknowledgements, applying the workers' own retention rule, so it never counts a copy a worker has dropped).
/// <see cref="Choose"/> picks the rollback point of a recovery: the newest snapshot newer than the last committed
/// checkpoint of which every stage still has a copy on a live worker, preferring each stage's new host's own copy.
/// Pure: holders are named by their address, and nothing here talks to an actor.
/// </summary>
internal sealed class SnapshotLedger
{
    private readonly SortedDictionary<long, (SnapshotPoint Point, long AskedAt)> _points = new();
    private readonly Dictionary<(string Holder, int Stage), SortedSet<long>> _held = new();
    private readonly HashSet<long> _complete = new();

    /// <summary>Step <paramref name="step"/> is dispatched with a snapshot first, at <paramref name="askedAt"/> (a timestamp).</summary>
    public void Asked(long step, SnapshotPoint point, long askedAt)
    {
        _points[step] = (point, askedAt);
        _complete.Remove(step);
    }

    /// <summary>When step <paramref name="step"/> was dispatched with a snapshot first.</summary>
    public long AskedAt(long step) => _points[step].AskedAt;

    /// <summary>
    /// <paramref name="holder"/> acknowledged a copy of <paramref name="stage"/>'s snapshot before <paramref name="step"/>.
    /// True the first time this makes <paramref name="copies"/> copies of each of <paramref name="stages"/> stages.
    /// </summary>
    public bool Held(long step, int stage, string holder, int stages, int copies)
    {
        if (!_held.TryGetValue((holder, stage), out var steps)) _held[(holder, stage)] = steps = new SortedSet<long>();
        SnapshotRetention.Add(steps, step);
        ForgetUnheldPoints();
        return _points.ContainsKey(step) && Enumerable.Range(0, stages).All(k => Holders(step, k).Count() >= copies) && _complete.Add(step);
    }

    /// <summary>The rollback point, or null where the checkpoint at <paramref name="checkpointStep"/> (or the run's start) must do.</summary>
    public SnapshotChoice? Choose(int stages, long checkpointStep, IReadOnlySet<string> live, Func<int, string> newHostOf)
    {
        foreach (var (step, entry) in _points.Reverse())
        {
            if (step <= checkpointStep) break;
            var holders = new string[stages];
            for (var k = 0; k < stages; k++)
            {
                var have = Holders(step, k).Where(live.Contains).ToList();
                if (have.Count == 0) break;
                holders[k] = have.Contains(newHostOf(k)) ? newHostOf(k) : have[0];
            }
            if (holders.All(h => h is not null)) return new SnapshotChoice(step, entry.Point, holders);
        }
        return null;
    }

    private IEnumerable<string> Holders(long step, int stage) =>
        _held.Where(kv => kv.Key.Stage == stage && kv.Value.Contains(step)).Select(kv => kv.Key.Holder).Order(StringComparer.Ordinal);

    /// <summary>A point older than every copy still held can never be rolled back to.</summary>
    private void ForgetUnheldPoints()
    {
        var oldest = _held.Values.Where(s => s.Count > 0).Select(s => s.Min).DefaultIfEmpty(long.MinValue).Min();
        foreach (var step in _points.Keys.Where(s => s < oldest).ToList()) _points.Remove(step);
    }
}
