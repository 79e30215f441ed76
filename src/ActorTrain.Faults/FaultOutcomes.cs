using System.Diagnostics;
using ActorTrain.Config.Settings;
using ActorTrain.Training.Observability;

namespace ActorTrain.Faults;

/// <summary>
/// Explains each injected fault. A message fault is joined with the link protocol's events about the same frame (link,
/// generation and sequence number): the first detecting event names the detection, a resend names the recovery. A stage
/// fault is joined with the first recovery the supervisor reported after it about its step and stage (for a NaN, the
/// neighbour that received it); a straggler claims none. A node fault (kill-node, leave-node: the driver of a clustered
/// run reports its re-placement as a rollback) is joined the same way. A storage fault is joined with the supervisor's report of the
/// checkpoint of its step (stage -1).
/// Pure: tested with literal event lists.
/// </summary>
public static class FaultOutcomes
{
    public const string NoneNeeded = "none needed";
    public const string NotDetected = "not detected";
    public const string NotNeeded = NoneNeeded + " (arrived in order)";
    public const string WithinDeadline = NoneNeeded + " (slower, within the watchdog deadline)";

    public static IReadOnlyList<FaultOutcome> Explain(IReadOnlyList<InjectedFault> faults, IReadOnlyList<LinkEvent> events) =>
        Explain(faults, events, [], Stopwatch.Frequency);

    /// <param name="frequency">Timestamps per second of the clock that stamped faults and events.</param>
    public static IReadOnlyList<FaultOutcome> Explain(
        IReadOnlyList<InjectedFault> faults, IReadOnlyList<LinkEvent> events, IReadOnlyList<RecoveryEvent> recoveries, long frequency)
    {
        var unclaimed = recoveries.OrderBy(r => r.DetectedAt).ToList();
        var outcomes = new List<FaultOutcome>();
        foreach (var f in faults.OrderBy(f => f.Timestamp))
        {
            if (f.Kind.IsStorageFault())
                outcomes.Add(unclaimed.FirstOrDefault(r => r.Stage < 0 && r.Step == f.Step && r.DetectedAt >= f.Timestamp) is { } report
                    ? new FaultOutcome(f, $"{report.DetectedBy}: {report.Cause}", Recovery(report), Elapsed(f.Timestamp, report.DetectedAt, frequency))
                    : new FaultOutcome(f, NotDetected, "none"));
            else if (f.Kind.IsLinkFault())
                outcomes.Add(Explain(f, events.Where(e => e.From == f.From && e.To == f.To && e.Generation == f.Generation && e.Sequence == f.Sequence).ToList(), frequency));
            else if (f.Kind == FaultKind.Straggler || unclaimed.FirstOrDefault(r => About(r, f)) is not { } recovery)
                outcomes.Add(f.Kind switch
                {
                    FaultKind.Straggler => new FaultOutcome(f, WithinDeadline, "none"),
                    FaultKind.Hang => new FaultOutcome(f, NotDetected + " (shorter than the watchdog deadline)", "none (the run waited)"),
                    _ => new FaultOutcome(f, NotDetected, "none"),
                });
            else
            {
                unclaimed.Remove(recovery);
                outcomes.Add(Explain(f, recovery, frequency));
            }
        }
        return outcomes;
    }

    /// <summary>
    /// Whether <paramref name="r"/> is the supervisor's answer to stage fault <paramref name="f"/>. A NaN is reported by the neighbour that received it, at the step the tensor carried. Other faults are reported
    /// at the step the failed stage still owed: a stage of the pipeline without flush runs the next step's forwards
    /// before the last backwards of the one before, so a hang or crash on its first send of step s can be reported at
    /// step s - 1 or earlier, never later.
    /// </summary>
    private static bool About(RecoveryEvent r, InjectedFault f) =>
        r.DetectedAt >= f.Timestamp && (f.Kind == FaultKind.Nan ? r.Step == f.Step && Math.Abs(r.Stage - f.From) == 1 : r.Step <= f.Step && r.Stage == f.From);

    private static FaultOutcome Explain(InjectedFault fault, RecoveryEvent r, long frequency)
    {
        return new FaultOutcome(fault, $"{r.DetectedBy}: {r.Cause}", Recovery(r), Elapsed(fault.Timestamp, r.DetectedAt, frequency), r.StepsReplayed,
            r.CaughtUpAt is { } back ? Elapsed(fault.Timestamp, back, frequency) : null);
    }

    private static string Recovery(RecoveryEvent r) => r.Action switch
    {
        RecoveryAction.Rollback => $"rollback to step {r.RolledBackTo}",
        RecoveryAction.KeepCommitted => r.RolledBackTo < 0 ? "warn, no checkpoint committed yet" : $"warn, kept checkpoint of step {r.RolledBackTo}",
        _ => "stop (run failed)",
    };

    private static FaultOutcome Explain(InjectedFault fault, IReadOnlyList<LinkEvent> about, long frequency)
    {
        bool Has(LinkEventKind kind) => about.Any(e => e.Kind == kind);
        var detected =
            Has(LinkEventKind.ChecksumMismatch) ? "checksum mismatch (CRC-32C)" :
            Has(LinkEventKind.OutOfOrder) ? Has(LinkEventKind.ResendRequested) ? "sequence gap, resend requested after timeout" : "sequence gap (a later frame came first)" :
            Has(LinkEventKind.ResentOnTimeout) ? "no acknowledgement within the resend timeout" :
            Has(LinkEventKind.Duplicate) ? "duplicate sequence number" :
            Has(LinkEventKind.StaleGeneration) ? "stale generation" :
            NotNeeded;
        var resent = about.Count(e => e.Kind is LinkEventKind.ResentOnRequest or LinkEventKind.ResentOnTimeout);
        var recovery =
            resent > 0 ? resent == 1 ? "resend" : $"resend ({resent} times)" :
            Has(LinkEventKind.OutOfOrder) ? "buffered, delivered in sequence" :
            Has(LinkEventKind.Duplicate) ? "copy dropped" :
            "none";
        if (resent > 0 && Has(LinkEventKind.Duplicate)) recovery += ", late copy dropped";
        var first = about.Where(e => e.Timestamp >= fault.Timestamp).Select(e => (long?)e.Timestamp).Min();
        return new FaultOutcome(fault, detected, recovery, detected == NotNeeded || first is null ? null : Elapsed(fault.Timestamp, first.Value, frequency));
    }

    private static TimeSpan Elapsed(long from, long to, long frequency) => TimeSpan.FromSeconds((double)(to - from) / frequency);
}
