using System.Text.RegularExpressions;
using ActorTrain.Profiling.Tests.Fixtures;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Tests.Output;

public sealed class ReportWriterTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly ManualClock clock = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void The_report_fetches_nothing_from_the_network()
    {
        string html = WriteReport(GPipeTimeline.Record(clock));

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("<(script|link|img|iframe)[\\s>]", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_report_draws_the_timeline_with_a_row_per_stage_and_a_rectangle_per_span()
    {
        string html = WriteReport(GPipeTimeline.Record(clock));

        string timeline = Regex.Match(html, "<svg class=\"timeline\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Contains(">stage 0<", timeline);
        Assert.Contains(">stage 1<", timeline);
        Assert.Contains(">F3<", timeline);
        Assert.Contains(">B0<", timeline);

        // Both steps fit the default window of 3: 2 lanes plus one rectangle per span.
        Assert.Equal(2 + GPipeTimeline.Spans().Count, Regex.Count(timeline, "<rect "));
        Assert.Contains("steps 0 to 1", html);
    }

    [Fact]
    public void The_timeline_window_shows_only_the_first_steps_asked_for()
    {
        string html = WriteReport(GPipeTimeline.Record(clock, options: new ProfilerOptions { TimelineSteps = 1 }));

        string timeline = Regex.Match(html, "<svg class=\"timeline\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Equal(2 + GPipeTimeline.Spans().Count / 2, Regex.Count(timeline, "<rect "));
        Assert.Contains("steps 0 to 0", html);
    }

    [Fact]
    public void The_report_draws_the_loss_and_accuracy_curves()
    {
        string html = WriteReport(GPipeTimeline.Record(clock));

        Assert.Equal(2, Regex.Count(html, "<svg class=\"chart\""));
        Assert.Contains("aria-label=\"Training loss\"", html);
        Assert.Contains("aria-label=\"Test accuracy\"", html);
        Assert.Contains("<polyline class=\"series\"", html);
    }

    [Fact]
    public void The_report_shows_the_summary_figures_as_a_table()
    {
        string html = WriteReport(GPipeTimeline.Record(clock));

        Assert.Contains("<table class=\"figures\">", html);
        Assert.Contains("<td>20.0 %</td>", html);
        Assert.Contains("<td>62.5 %</td>", html);
    }

    [Fact]
    public void Mode_switches_are_marked_on_the_timeline_and_on_the_curves()
    {
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run());
        foreach (var span in GPipeTimeline.StepSpans(0, 0).Concat(GPipeTimeline.StepSpans(1, 12)))
        {
            profiler.OnSpan(span);
        }

        profiler.OnStep(new StepMetrics("sync", 0, 0, 2.0, 128, 11_000));
        profiler.OnModeSwitch(new ModeSwitch(1, 0, "sync", "async", "flat accuracy", 11_500));
        profiler.OnStep(new StepMetrics("async", 0, 1, 1.0, 128, 23_000));
        profiler.OnRunFinished(true, 24_000);

        string html = WriteReport(profiler);

        // One timeline per mode; the second starts at the switch so its marker shows, and the loss chart marks it too.
        Assert.Equal(2, Regex.Count(html, "<svg class=\"timeline\""));
        Assert.Equal(2, Regex.Count(html, "<line class=\"marker\""));
        Assert.Contains("mode: sync -&gt; async (flat accuracy)", html);
    }

    [Fact]
    public void Failures_and_recoveries_are_marked_on_the_timeline_and_failures_on_the_curves()
    {
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run());
        foreach (var span in GPipeTimeline.StepSpans(0, 0).Concat(GPipeTimeline.StepSpans(1, 12)))
        {
            profiler.OnSpan(span);
        }

        profiler.OnStep(new StepMetrics("sync", 0, 0, 2.0, 128, 11 * ManualClock.TicksPerMillisecond));
        // Stage 1 crashes in step 1 and is rolled back to step 0; a checkpoint fails later, outside the timeline's window.
        profiler.OnRecovery(new RecoveryEvent(1, 1, "actor supervision", "injected crash", 14 * ManualClock.TicksPerMillisecond,
            RecoveryAction.Rollback, 0, 1, 15 * ManualClock.TicksPerMillisecond, 20 * ManualClock.TicksPerMillisecond));
        profiler.OnStep(new StepMetrics("sync", 0, 1, 1.0, 128, 23 * ManualClock.TicksPerMillisecond));
        profiler.OnRecovery(new RecoveryEvent(-1, 2, "checkpoint write error", "No space left on device", 40 * ManualClock.TicksPerMillisecond,
            RecoveryAction.KeepCommitted, 0, 0, null, null));
        profiler.OnRunFinished(true, 50 * ManualClock.TicksPerMillisecond);

        string html = WriteReport(profiler);

        string timeline = Regex.Match(html, "<svg class=\"timeline\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Contains(">stage 1 failed at step 1: actor supervision<", timeline);
        Assert.Contains(">rolled back to step 0, replaying<", timeline);
        Assert.Contains(">caught up (1 steps replayed)<", timeline);
        Assert.DoesNotContain("checkpoint at step 2", timeline);
        string loss = Regex.Match(html, "<svg class=\"chart\"[^>]*aria-label=\"Training loss\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Contains("stage 1 failed at step 1: actor supervision", loss);
        Assert.Contains("checkpoint at step 2 not written: checkpoint write error", loss);
    }

    [Fact]
    public void Text_from_the_run_is_escaped()
    {
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run("<b>sync</b>"));
        profiler.OnModeSwitch(new ModeSwitch(0, 0, "<b>sync</b>", "decoupled", "<script>alert(1)</script>", 1_000));
        profiler.OnRunFinished(true, 2_000);

        string html = WriteReport(profiler);

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    private string WriteReport(Profiler profiler)
    {
        profiler.WriteTo(directory.Path);
        return directory.Read(Profiler.ReportFileName);
    }
}
