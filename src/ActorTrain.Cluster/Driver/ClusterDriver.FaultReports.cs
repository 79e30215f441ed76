using System.Text.RegularExpressions;
using ActorTrain.Config.Settings;
using ActorTrain.Training.Observability;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// What the driver tells its observer about faults, so `actortrain faults` can give each a row and a profile can mark it:
/// the node and storage faults it injects, the hangs its watchdog finds on workers and the crashes and NaNs that fail a
/// worker's stage, each as a <see cref="FaultInjection"/>,
/// and each re-placement that answered one, as a rollback <see cref="RecoveryEvent"/> once the replay is back where the
/// run had been (a write failure reports itself, see ClusterDriver.StorageFaults.cs).
/// </summary>
internal sealed partial class ClusterDriver
{
    // By the timestamp a re-placement knows its fault by (NodeRecovery.InjectedAt).
    private readonly Dictionary<long, (int Stage, long Step)> _reported = new();
    private readonly Dictionary<long, long> _dispatchedAt = new();

    /// <summary>When each step in flight was dispatched: the earliest a fault inside a worker at that step can have fired.</summary>
    private void NoteDispatch(long step)
    {
        _dispatchedAt.Remove(step - 2 * Window);
        _dispatchedAt[step] = _clock.GetTimestamp();
    }

    /// <summary>
    /// A crash or NaN a worker injected and reported as a failed stage: the plan's entry on a stage of the reporter (a
    /// NaN: on its neighbour, whose output the reporter's finite check caught) at a step in flight, reported as injected
    /// when that step was dispatched, the earliest it can have fired (the worker's own clock is not the driver's).
    /// Returns that time, or null where the plan has no such entry.
    /// </summary>
    private long? ReportWorkerStageFault(WorkerEntry reporter)
    {
        foreach (var f in _nodeLoss.Plan)
        {
            if (f.Kind is not (FaultKind.Crash or FaultKind.Nan)) continue;
            var caughtAt = f.Kind == FaultKind.Crash ? new[] { f.Stage } : [f.Stage - 1, f.Stage + 1];
            if (reporter.Stages.Intersect(caughtAt).FirstOrDefault(-1) is not (>= 0 and var caughtBy)) continue;
            if (FirstPendingStep(f) is not { } step || !_dispatchedAt.TryGetValue(step, out var at)) continue;
            ReportInjected(f.Kind, f.Stage, step, at, caughtBy);
            return at;
        }
        return null;
    }

    /// <summary>The earliest step in flight that plan entry <paramref name="f"/> names: where a fault a worker fired was due.</summary>
    private long? FirstPendingStep(FaultSpec f) =>
        _pendingSteps.Keys.Where(f.Steps.Contains).Order().Select(s => (long?)s).FirstOrDefault();

    /// <param name="caughtBy">The stage whose recovery answers it, where not <paramref name="stage"/> (a NaN is caught by its neighbour).</param>
    private void ReportInjected(FaultKind kind, int stage, long step, long at, int? caughtBy = null)
    {
        _reported[at] = (caughtBy ?? stage, step);
        _observer.OnFaultInjected(new FaultInjection(EnumNames.Of(kind), kind.Place(stage, stage), step, -1, at, stage));
    }

    /// <summary>A re-placement after a fault the driver reported is over: the replay reached the step the fault interrupted.</summary>
    private void ReportRecovered(NodeRecovery r)
    {
        if (r.InjectedAt is not { } at || !_reported.Remove(at, out var fault)) return;
        var replayed = Math.Max(0, r.ReachedStep - r.RollbackStep);
        long? back = r.TimeLost is { } lost ? at + (long)(lost.TotalSeconds * _clock.TimestampFrequency) : null;
        _observer.OnRecovery(new RecoveryEvent(fault.Stage, fault.Step, Brief(r.DetectedBy), FormattableString.Invariant(
            $"{Brief(r.Lost)} lost; re-placed in {r.RecoveryTime.TotalSeconds:F2} s"), r.DetectedAt, RecoveryAction.Rollback, r.RollbackStep, replayed, null, back));
    }

    /// <summary>A log line's account made fit for a table row: no Akka addresses, and a long quoted error left to the log.</summary>
    internal static string Brief(string account) =>
        LongAside().Replace(AkkaAddress().Replace(account, ""), " (...)");

    [GeneratedRegex(@" at akka\.tcp://\S+")]
    private static partial Regex AkkaAddress();

    // A parenthesis of 80 characters or more, one level of nested parentheses inside.
    [GeneratedRegex(@" \((?:[^()]|\([^()]*\)){80,}\)")]
    private static partial Regex LongAside();
}
