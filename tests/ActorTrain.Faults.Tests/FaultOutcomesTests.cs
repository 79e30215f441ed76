using ActorTrain.Config.Settings;
using ActorTrain.Training.Observability;

namespace ActorTrain.Faults.Tests;

/// <summary>What detected each fault and how it healed, read from the link events about the same frame.</summary>
public sealed class FaultOutcomesTests
{
    private static LinkEvent Event(long seq, LinkEventKind kind, int from = 0, int to = 1) => new(from, to, seq, 3, 0, kind, 0);

    [Theory]
    [InlineData(FaultKind.Drop, new[] { LinkEventKind.OutOfOrder, LinkEventKind.ResendRequested, LinkEventKind.ResentOnRequest },
        "sequence gap, resend requested after timeout", "resend")]
    [InlineData(FaultKind.Drop, new[] { LinkEventKind.ResentOnTimeout }, "no acknowledgement within the resend timeout", "resend")]
    [InlineData(FaultKind.Delay, new[] { LinkEventKind.ResentOnTimeout, LinkEventKind.Duplicate },
        "no acknowledgement within the resend timeout", "resend, late copy dropped")]
    [InlineData(FaultKind.Delay, new LinkEventKind[0], FaultOutcomes.NotNeeded, "none")]
    [InlineData(FaultKind.Duplicate, new[] { LinkEventKind.Duplicate }, "duplicate sequence number", "copy dropped")]
    [InlineData(FaultKind.Reorder, new[] { LinkEventKind.OutOfOrder }, "sequence gap (a later frame came first)", "buffered, delivered in sequence")]
    [InlineData(FaultKind.Corrupt, new[] { LinkEventKind.ChecksumMismatch, LinkEventKind.ResentOnRequest }, "checksum mismatch (CRC-32C)", "resend")]
    public void A_fault_is_explained_by_the_events_about_its_frame(FaultKind kind, LinkEventKind[] events, string detected, string recovery)
    {
        var fault = new InjectedFault(kind, 0, 1, 3, 0, Sequence: 7, 0);
        // Events about other frames or links never count.
        var noise = new[] { Event(8, LinkEventKind.ChecksumMismatch), Event(7, LinkEventKind.Duplicate, from: 1, to: 0) };

        var outcome = Assert.Single(FaultOutcomes.Explain([fault], [.. events.Select(e => Event(7, e)), .. noise]));

        Assert.Equal((detected, recovery), (outcome.Detected, outcome.Recovery));
    }
}
