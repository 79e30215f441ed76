using ActorTrain.Training.Observability;

namespace ActorTrain.Faults;

/// <summary>
/// Joins the injected faults with the link protocol's events about the same frame (link and sequence number): the first
/// detecting event names the detection, a resend names the recovery. Pure: tested with literal event lists.
/// </summary>
public static class FaultOutcomes
{
    public const string NotNeeded = "none needed (arrived in order)";

    public static IReadOnlyList<FaultOutcome> Explain(IReadOnlyList<InjectedFault> faults, IReadOnlyList<LinkEvent> events) =>
        faults.Select(f => Explain(f, events.Where(e => e.From == f.From && e.To == f.To && e.Sequence == f.Sequence).ToList())).ToList();

    private static FaultOutcome Explain(InjectedFault fault, IReadOnlyList<LinkEvent> about)
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
        return new FaultOutcome(fault, detected, recovery);
    }
}
