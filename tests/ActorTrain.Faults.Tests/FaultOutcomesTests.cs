using ActorTrain.Config.Settings;
using ActorTrain.Training.Observability;

namespace ActorTrain.Faults.Tests;

/// <summary>
/// What detected each fault and how it healed: read from the link events about the same frame, or for a stage fault
/// from the supervisor's recovery about its step (timestamps: 1000 a second).
/// </summary>
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

    [Fact]
    public void A_frame_of_a_later_generation_with_the_same_sequence_number_is_another_frame()
    {
        var fault = new InjectedFault(FaultKind.Duplicate, 0, 1, 3, 0, Sequence: 7, 0, Generation: 1);
        var later = Event(7, LinkEventKind.ChecksumMismatch) with { Generation = 2 };

        var outcome = Assert.Single(FaultOutcomes.Explain([fault], [Event(7, LinkEventKind.Duplicate), later]));

        Assert.Equal("duplicate sequence number", outcome.Detected);
    }

    [Fact]
    public void Stage_faults_are_explained_by_the_recovery_about_their_step_with_time_to_detect_and_time_lost()
    {
        var crash = new InjectedFault(FaultKind.Crash, 1, 1, 14, 0, -1, Timestamp: 1_000);
        var hang = new InjectedFault(FaultKind.Hang, 0, 0, 22, 0, -1, Timestamp: 5_000);
        var nan = new InjectedFault(FaultKind.Nan, 0, 0, 37, 2, -1, Timestamp: 9_000);
        RecoveryEvent[] recoveries =
        [
            new(1, 14, "actor supervision", "injected crash", 1_010, RecoveryAction.Rollback, 10, 4, 1_020, 1_600),
            // The hang was shorter than the deadline: the next recovery (the NaN's, seen by stage 1) is not its.
            new(1, 37, "finite check at stage 1", "not finite", 9_005, RecoveryAction.Rollback, 30, 7, 9_010, 9_900),
        ];

        var outcomes = FaultOutcomes.Explain([crash, hang, nan], [], recoveries, 1_000);

        Assert.Equal(("rollback to step 10", 4L, TimeSpan.FromMilliseconds(10), (TimeSpan?)TimeSpan.FromMilliseconds(600)),
            (outcomes[0].Recovery, outcomes[0].StepsReplayed, outcomes[0].TimeToDetect!.Value, outcomes[0].TimeLost));
        Assert.Equal("none (the run waited)", outcomes[1].Recovery);
        Assert.False(outcomes[1].WasDetected);
        Assert.Equal(("finite check at stage 1: not finite", "rollback to step 30", 7L), (outcomes[2].Detected, outcomes[2].Recovery, outcomes[2].StepsReplayed));
    }

    /// <summary>A stage without flush that hangs on its first send of step 15 still owes step 14's last backwards: reported at 14.</summary>
    [Fact]
    public void A_hang_reported_at_the_step_its_stage_still_owed_is_its_recovery_and_one_at_a_later_step_is_not()
    {
        var hang = new InjectedFault(FaultKind.Hang, 0, 0, 15, 0, -1, Timestamp: 1_000);
        RecoveryEvent[] later = [new(0, 16, "watchdog", "silent", 2_000, RecoveryAction.Rollback, 10, 6, 2_010, 2_500)];
        RecoveryEvent[] owed = [new(0, 14, "watchdog", "silent", 2_000, RecoveryAction.Rollback, 10, 5, 2_010, 2_500)];

        Assert.False(Assert.Single(FaultOutcomes.Explain([hang], [], later, 1_000)).WasDetected);
        var outcome = Assert.Single(FaultOutcomes.Explain([hang], [], owed, 1_000));
        Assert.Equal(("watchdog: silent", "rollback to step 10"), (outcome.Detected, outcome.Recovery));
    }

    [Fact]
    public void A_checkpoint_write_failure_is_explained_by_the_report_about_its_checkpoint_and_not_by_a_stage_recovery()
    {
        var fail = new InjectedFault(FaultKind.CheckpointWriteFail, -1, -1, 4, -1, -1, Timestamp: 2_000);
        RecoveryEvent[] recoveries =
        [
            new(0, 4, "actor supervision", "injected crash", 2_001, RecoveryAction.Rollback, 2, 2, 2_010, 2_100),
            new(-1, 4, "checkpoint write error", "No space left on device", 2_003, RecoveryAction.KeepCommitted, 2, 0, null, null),
        ];

        var outcome = Assert.Single(FaultOutcomes.Explain([fail], [], recoveries, 1_000));

        Assert.Equal(("checkpoint write error: No space left on device", "warn, kept checkpoint of step 2", (TimeSpan?)TimeSpan.FromMilliseconds(3)),
            (outcome.Detected, outcome.Recovery, outcome.TimeToDetect));
        Assert.True(outcome.WasDetected);
    }
}
