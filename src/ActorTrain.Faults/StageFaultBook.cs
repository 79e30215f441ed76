using ActorTrain.Config.Settings;
using ActorTrain.Training.Links;

namespace ActorTrain.Faults;

/// <summary>
/// The plan's stage faults and how often each has fired, shared by every link the injector decorates, across rollbacks
/// (each rollback builds links anew). A fault fires at most once per link generation, so the sends a failed stage
/// still makes before the rollback reaches it cannot fire it again, and at most `times` times in all: each replay of
/// its step is one more, which is how a crash loop is planned. Stage threads call it concurrently: it locks.
/// </summary>
internal sealed class StageFaultBook(IReadOnlyList<FaultSpec> plan)
{
    private static readonly TimeSpan LongestStraggle = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private readonly int[] _fired = new int[plan.Count];
    private readonly long[] _firedInGeneration = Enumerable.Repeat(-1L, plan.Count).ToArray();
    private readonly Dictionary<int, long> _lastSend = new();

    public bool HasFaultsFor(int stage) => plan.Any(f => f.Kind.IsStageFault() && f.Stage == stage);

    /// <summary>The one-shot faults (crash, hang, nan) that fire on this send, each recorded as fired.</summary>
    public IReadOnlyList<FaultSpec> Fire(int stage, ILinkMessage message, long generation)
    {
        lock (_lock)
        {
            var due = new List<FaultSpec>();
            for (var i = 0; i < plan.Count; i++)
            {
                var f = plan[i];
                if (f.Kind is not (FaultKind.Crash or FaultKind.Hang or FaultKind.Nan) || f.Stage != stage || !Matches(f, message) ||
                    _fired[i] >= f.Times || _firedInGeneration[i] == generation) continue;
                _fired[i]++;
                _firedInGeneration[i] = generation;
                due.Add(f);
            }
            return due;
        }
    }

    /// <summary>Counts from elsewhere (a fenced worker's process): an entry has fired at least that often.</summary>
    public void MarkFired(IReadOnlyList<int> fired)
    {
        lock (_lock)
            for (var i = 0; i < Math.Min(fired.Count, _fired.Length); i++) _fired[i] = Math.Max(_fired[i], fired[i]);
    }

    /// <summary>
    /// How long a straggler entry holds this send back, and whether this is its first hit (the one recorded): factor - 1
    /// times the time since the stage's previous send (its compute since then, about), at most a second.
    /// </summary>
    public (TimeSpan Hold, FaultSpec? FirstHit) Straggle(int stage, ILinkMessage message, long now, long frequency)
    {
        lock (_lock)
        {
            var previous = _lastSend.GetValueOrDefault(stage, now);
            _lastSend[stage] = now;
            for (var i = 0; i < plan.Count; i++)
            {
                var f = plan[i];
                if (f.Kind != FaultKind.Straggler || f.Stage != stage || !Matches(f, message)) continue;
                var first = _fired[i]++ == 0 ? f : null;
                var hold = TimeSpan.FromSeconds(Math.Min(LongestStraggle.TotalSeconds, (f.Factor - 1) * (now - previous) / frequency));
                return (hold, first);
            }
            return (TimeSpan.Zero, null);
        }
    }

    /// <summary>Called after a hold, so the time held does not count as the stage's compute next time.</summary>
    public void Sent(int stage, long now)
    {
        lock (_lock) _lastSend[stage] = now;
    }

    private static bool Matches(FaultSpec f, ILinkMessage m) => (f.MicroBatch is null || f.MicroBatch == m.MicroBatch) && f.Steps.Contains(m.Step);
}
