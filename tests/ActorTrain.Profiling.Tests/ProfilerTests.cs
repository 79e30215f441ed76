using ActorTrain.Profiling.Tests.Fixtures;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Tests;

public sealed class ProfilerTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly ManualClock clock = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Spans_recorded_from_four_threads_at_once_are_all_kept()
    {
        const int Threads = 4;
        const int PerThread = 25_000;
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run());
        using var start = new Barrier(Threads);

        var workers = Enumerable.Range(0, Threads).Select(stage => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (int i = 0; i < PerThread; i++)
                {
                    profiler.OnSpan(new Span(stage, SpanKind.Forward, i, 0, i * 10L, i * 10L + 5));
                    if (i % 1_000 == 0)
                    {
                        profiler.OnStep(new StepMetrics("sync", 0, i, 1.0, 1, i * 10L));
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(Threads * PerThread, profiler.SpanCount);
        var data = profiler.Snapshot();
        Assert.Equal(Threads * PerThread, data.Spans.Length);
        Assert.All(
            data.Spans.GroupBy(s => s.Stage),
            stage => Assert.Equal(PerThread, stage.Select(s => s.Step).Distinct().Count()));
        Assert.Equal(Threads * PerThread / 1_000, data.Steps.Count);
    }

    [Fact]
    public void The_outputs_are_written_when_the_run_finishes_if_a_directory_is_given()
    {
        string output = directory.File("profile");

        GPipeTimeline.Record(clock, options: new ProfilerOptions { OutputDirectory = output });

        Assert.True(File.Exists(Path.Combine(output, Profiler.TraceFileName)));
        Assert.True(File.Exists(Path.Combine(output, Profiler.SummaryFileName)));
        Assert.True(File.Exists(Path.Combine(output, Profiler.ReportFileName)));
    }

    [Fact]
    public void Without_a_directory_nothing_is_written_until_asked()
    {
        var profiler = GPipeTimeline.Record(clock);

        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
        profiler.WriteTo(directory.Path);
        Assert.Equal(3, Directory.EnumerateFiles(directory.Path).Count());
    }

    [Fact]
    public void Outputs_can_be_written_before_the_run_finishes()
    {
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run());
        foreach (var span in GPipeTimeline.StepSpans(0, 0))
        {
            profiler.OnSpan(span);
        }

        profiler.WriteTo(directory.Path);

        Assert.Empty(TraceChecker.CheckFile(directory.File(Profiler.TraceFileName)));
        Assert.Contains("\"succeeded\": null", directory.Read(Profiler.SummaryFileName));
    }

    [Fact]
    public void An_empty_profile_still_writes_every_output()
    {
        new Profiler(clock).WriteTo(directory.Path);

        Assert.Empty(TraceChecker.CheckFile(directory.File(Profiler.TraceFileName)));
        Assert.Contains("No training spans recorded", directory.Read(Profiler.ReportFileName));
    }

    [Fact]
    public void A_timeline_of_no_steps_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Profiler(clock, new ProfilerOptions { TimelineSteps = 0 }));
    }
}
