using ActorTrain.Training.Options;
using ActorTrain.Training.PipelineParallel;

namespace ActorTrain.Training.Tests.PipelineParallel;

/// <summary>The watchdog's arithmetic on literal timestamps (1000 per second): the floor, the step-time multiple, who is silent.</summary>
public sealed class StageWatchdogTests
{
    private static readonly RecoveryOptions Options = new(SnapshotEvery: 50, WatchdogFloor: TimeSpan.FromSeconds(2), WatchdogMultiple: 10);

    [Fact]
    public void Before_the_first_step_completes_the_deadline_allows_for_warm_up()
    {
        var watchdog = new StageWatchdog(2, Options, 1000, now: 0);

        Assert.Equal(TimeSpan.FromSeconds(20), watchdog.Deadline);
        Assert.Null(watchdog.Hung(19_000));
        Assert.NotNull(watchdog.Hung(21_000));
        watchdog.StepCompleted(19_500, stillBusy: true);
        Assert.Equal(TimeSpan.FromSeconds(2), watchdog.Deadline);
    }

    [Fact]
    public void A_stage_silent_past_the_floor_is_hung_and_one_that_answered_is_not()
    {
        var watchdog = new StageWatchdog(3, Options, 1000, now: 0);
        watchdog.StepCompleted(0, stillBusy: false);
        watchdog.Heard(0, 2500);
        watchdog.Heard(2, 2500);

        Assert.Null(watchdog.Hung(1900));
        Assert.Equal((1, TimeSpan.FromSeconds(2.6)), watchdog.Hung(2600));
    }

    [Fact]
    public void Slow_steps_stretch_the_deadline_to_a_multiple_of_the_step_time()
    {
        var watchdog = new StageWatchdog(2, Options, 1000, now: 0);
        watchdog.StepCompleted(1000, stillBusy: true);
        watchdog.StepCompleted(1500, stillBusy: true);

        Assert.Equal(TimeSpan.FromSeconds(0.5), watchdog.StepTime);
        Assert.Equal(TimeSpan.FromSeconds(5), watchdog.Deadline);
        Assert.Null(watchdog.Hung(4900));
        Assert.NotNull(watchdog.Hung(5100));
    }

    [Fact]
    public void The_gap_after_the_pipeline_went_idle_is_not_a_step_time()
    {
        var watchdog = new StageWatchdog(2, Options, 1000, now: 0);
        watchdog.StepCompleted(1000, stillBusy: false);
        watchdog.StepCompleted(60_000, stillBusy: true);

        Assert.Equal(TimeSpan.Zero, watchdog.StepTime);
        Assert.Equal(TimeSpan.FromSeconds(2), watchdog.Deadline);
    }

    [Fact]
    public void Hearing_from_every_stage_resets_their_silence()
    {
        var watchdog = new StageWatchdog(2, Options, 1000, now: 0);
        watchdog.StepCompleted(0, stillBusy: false);
        watchdog.HeardAll(10_000);

        Assert.Null(watchdog.Hung(11_000));
    }
}
