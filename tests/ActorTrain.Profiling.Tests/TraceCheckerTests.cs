using ActorTrain.Profiling.Tests.Fixtures;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Tests;

public sealed class TraceCheckerTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly ManualClock clock = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void A_consistent_pipeline_trace_has_no_problems()
    {
        var problems = CheckProfileOf(GPipeTimeline.Spans());

        Assert.Empty(problems);
    }

    [Fact]
    public void Overlapping_spans_on_one_stage_are_reported()
    {
        var spans = GPipeTimeline.Spans();
        spans.Add(new Span(1, SpanKind.Send, 0, 0, 1_200, 1_800, 64));

        var problem = Assert.Single(CheckProfileOf(spans));

        Assert.Equal(TraceProblemKind.Overlap, problem.Kind);
        Assert.Contains("stage 1", problem.Message);
    }

    [Fact]
    public void A_forward_without_its_backward_is_reported_with_its_stage_step_and_micro_batch()
    {
        var spans = GPipeTimeline.Spans();
        spans.RemoveAll(s => s is { Stage: 1, Kind: SpanKind.Backward, Step: 1, MicroBatch: 2 });

        var problem = Assert.Single(CheckProfileOf(spans));

        Assert.Equal(TraceProblemKind.MissingBackward, problem.Kind);
        Assert.Contains("stage 1", problem.Message);
        Assert.Contains("F2 (step 1, micro-batch 2)", problem.Message);
    }

    [Fact]
    public void A_backward_without_its_forward_is_reported()
    {
        var spans = GPipeTimeline.Spans();
        spans.RemoveAll(s => s is { Stage: 0, Kind: SpanKind.Forward, Step: 0, MicroBatch: 3 });

        var problem = Assert.Single(CheckProfileOf(spans));

        Assert.Equal(TraceProblemKind.MissingForward, problem.Kind);
        Assert.Contains("B3 (step 0, micro-batch 3)", problem.Message);
    }

    [Fact]
    public void Decoupled_forwards_need_no_backward_unless_asked()
    {
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run("decoupled"));
        profiler.OnSpan(new Span(1, SpanKind.Forward, 0, 0, 0, 1_000));
        profiler.OnSpan(new Span(0, SpanKind.Forward, 0, 0, 0, 1_000));
        profiler.OnRunFinished(true, 1_000);
        profiler.WriteTo(directory.Path);
        string trace = directory.File(Profiler.TraceFileName);

        Assert.Empty(TraceChecker.CheckFile(trace));
        var strict = new TraceCheckOptions { ModesWithoutBackward = new HashSet<string>() };
        Assert.Equal(2, TraceChecker.CheckFile(trace, strict).Count(p => p.Kind == TraceProblemKind.MissingBackward));
        Assert.Empty(TraceChecker.CheckFile(trace, strict with { RequireBackward = false }));
    }

    [Fact]
    public void A_flow_that_never_finishes_is_reported()
    {
        var problems = TraceChecker.Check(Trace(
            Slice(0, 0, 10),
            """{"name":"mb","cat":"micro-batch","ph":"s","id":7,"ts":5,"pid":1,"tid":0}"""));

        var problem = Assert.Single(problems);
        Assert.Equal(TraceProblemKind.UnfinishedFlow, problem.Kind);
    }

    [Fact]
    public void A_flow_that_finishes_without_starting_is_reported()
    {
        var problems = TraceChecker.Check(Trace(
            Slice(0, 0, 10),
            """{"name":"mb","cat":"micro-batch","ph":"f","bp":"e","id":7,"ts":5,"pid":1,"tid":0}"""));

        Assert.Equal(TraceProblemKind.UnstartedFlow, Assert.Single(problems).Kind);
    }

    [Fact]
    public void A_flow_event_outside_every_slice_is_reported_as_unbound()
    {
        var problems = TraceChecker.Check(Trace(
            Slice(0, 0, 10),
            Slice(1, 20, 10),
            """{"name":"mb","cat":"micro-batch","ph":"s","id":1,"ts":5,"pid":1,"tid":0}""",
            """{"name":"mb","cat":"micro-batch","ph":"f","bp":"e","id":1,"ts":15,"pid":1,"tid":1}"""));

        var problem = Assert.Single(problems);
        Assert.Equal(TraceProblemKind.UnboundFlow, problem.Kind);
        Assert.Contains("stage 1", problem.Message);
    }

    [Fact]
    public void A_flow_arrow_that_ends_before_it_starts_is_reported_with_both_ends()
    {
        var problems = TraceChecker.Check(Trace(
            Slice(0, 20, 10),
            Slice(1, 0, 10),
            """{"name":"mb","cat":"micro-batch","ph":"s","id":1,"ts":25,"pid":1,"tid":0}""",
            """{"name":"mb","cat":"micro-batch","ph":"f","bp":"e","id":1,"ts":5,"pid":1,"tid":1}"""));

        var problem = Assert.Single(problems);
        Assert.Equal(TraceProblemKind.FlowBackInTime, problem.Kind);
        Assert.Contains("'f' at 5 us on stage 1", problem.Message);
        Assert.Contains("'s' at 25 us on stage 0", problem.Message);
    }

    [Fact]
    public void A_stage_without_a_thread_name_is_reported()
    {
        var problems = TraceChecker.Check("""{"traceEvents":[{"name":"F0","cat":"forward","ph":"X","ts":0,"dur":1,"pid":1,"tid":3,"args":{"step":0,"micro-batch":0}},{"name":"B0","cat":"backward","ph":"X","ts":1,"dur":1,"pid":1,"tid":3,"args":{"step":0,"micro-batch":0}}]}""");

        Assert.Equal(TraceProblemKind.UnnamedThread, Assert.Single(problems).Kind);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"events":[]}""")]
    [InlineData("""{"traceEvents":[{"ph":"X","pid":1,"tid":0}]}""")]
    public void A_malformed_trace_is_reported_not_thrown(string json)
    {
        var problem = Assert.Single(TraceChecker.Check(json));

        Assert.Equal(TraceProblemKind.Malformed, problem.Kind);
    }

    private static string Slice(int tid, int ts, int dur) =>
        $$$"""{"name":"work","cat":"wait","ph":"X","ts":{{{ts}}},"dur":{{{dur}}},"pid":1,"tid":{{{tid}}},"args":{"step":0,"micro-batch":0}}""";

    private static string Trace(params string[] events) =>
        """{"traceEvents":[{"name":"thread_name","ph":"M","pid":1,"tid":0,"args":{"name":"stage 0"}},{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"stage 1"}},"""
        + string.Join(",", events) + "]}";

    private IReadOnlyList<TraceProblem> CheckProfileOf(IEnumerable<Span> spans)
    {
        GPipeTimeline.Record(clock, spans).WriteTo(directory.Path);
        return TraceChecker.CheckFile(directory.File(Profiler.TraceFileName));
    }
}
