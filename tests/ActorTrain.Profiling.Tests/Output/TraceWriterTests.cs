using System.Text.Json;
using ActorTrain.Profiling.Tests.Fixtures;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Tests.Output;

public sealed class TraceWriterTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly ManualClock clock = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Each_stage_is_a_named_thread_of_one_process()
    {
        var events = WriteGPipeTrace();

        var names = events.Where(e => Ph(e) == "M" && Name(e) == "thread_name")
            .ToDictionary(e => e.GetProperty("tid").GetInt32(), e => e.GetProperty("args").GetProperty("name").GetString());
        Assert.Equal(new Dictionary<int, string?> { [0] = "stage 0", [1] = "stage 1" }, names);
        Assert.All(events, e => Assert.Equal(1, e.GetProperty("pid").GetInt32()));
    }

    [Fact]
    public void Every_span_is_a_complete_event_in_microseconds_with_step_micro_batch_and_bytes()
    {
        var events = WriteGPipeTrace();

        var complete = events.Where(e => Ph(e) == "X").ToArray();
        Assert.Equal(GPipeTimeline.Spans().Count, complete.Length);

        var f1 = complete.Single(e => Name(e) == "F1" && Tid(e) == 0 && Step(e) == 1);
        Assert.Equal(13_000, f1.GetProperty("ts").GetDouble());
        Assert.Equal(1_000, f1.GetProperty("dur").GetDouble());
        Assert.Equal(1, f1.GetProperty("args").GetProperty("micro-batch").GetInt32());
        Assert.Equal("sync", f1.GetProperty("args").GetProperty("mode").GetString());

        var send = complete.First(e => Name(e) == "send" && Tid(e) == 0);
        Assert.Equal(GPipeTimeline.ActivationBytes, send.GetProperty("args").GetProperty("bytes").GetInt64());

        var names = complete.Select(Name).ToHashSet();
        Assert.All(new[] { "F0", "F3", "B0", "B3", "step", "wait", "send", "recv" }, name => Assert.Contains(name, names));
    }

    [Fact]
    public void One_flow_per_micro_batch_runs_forward_across_the_stages_and_backward_back()
    {
        var events = WriteGPipeTrace();

        var flows = events.Where(e => Ph(e) is "s" or "t" or "f").GroupBy(e => e.GetProperty("id").GetInt32()).ToArray();
        Assert.Equal(GPipeTimeline.Steps * GPipeTimeline.MicroBatches, flows.Length);
        foreach (var flow in flows)
        {
            // In file order: start on stage 0's forward, through stage 1's forward and backward, finish on stage 0's backward.
            Assert.Equal(["s", "t", "t", "f"], flow.Select(Ph).ToArray());
            Assert.Equal([0, 1, 1, 0], flow.Select(Tid).ToArray());
            Assert.All(flow.Skip(1), e => Assert.Equal("e", e.GetProperty("bp").GetString()));
            Assert.Single(flow.Select(Name).Distinct());
        }
    }

    [Fact]
    public void Flow_events_sit_inside_the_slices_they_link()
    {
        var events = WriteGPipeTrace();

        // Step 0, micro-batch 2: F2 on stage 0 runs 2-3 ms, so its flow start sits at 2.5 ms.
        var start = events.Single(e => Ph(e) == "s" && Name(e) == "step 0 mb 2");
        Assert.Equal(2_500, start.GetProperty("ts").GetDouble());
        Assert.Equal(0, Tid(start));
    }

    [Fact]
    public void Decoupled_spans_get_no_flows()
    {
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run("decoupled"));
        profiler.OnSpan(new Span(0, SpanKind.Forward, 0, 0, 0, 1_000));
        profiler.OnSpan(new Span(1, SpanKind.Forward, 0, 0, 0, 1_000));
        profiler.OnRunFinished(true, 2_000);

        var events = Write(profiler);

        Assert.DoesNotContain(events, e => Ph(e) is "s" or "t" or "f");
    }

    [Fact]
    public void Mode_switches_are_global_instant_events_named_with_their_reason()
    {
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run());
        profiler.OnModeSwitch(new ModeSwitch(40, 2, "sync", "decoupled", "straggler on stage 1", 5_000));
        profiler.OnRunFinished(true, 6_000);

        var instant = Assert.Single(Write(profiler), e => Ph(e) == "i");

        Assert.Equal("mode: sync -> decoupled (straggler on stage 1)", Name(instant));
        Assert.Equal("g", instant.GetProperty("s").GetString());
        Assert.Equal(5_000, instant.GetProperty("ts").GetDouble());
        Assert.Equal(40, instant.GetProperty("args").GetProperty("step").GetInt64());
    }

    [Fact]
    public void An_injected_fault_is_a_global_instant_at_the_moment_of_injection_naming_kind_place_and_frame()
    {
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run());
        profiler.OnFaultInjected(new FaultInjection("drop", "0->1", 3, 1, 1_500));
        profiler.OnFaultInjected(new FaultInjection("crash", "stage 1", 14, -1, 2_500));
        profiler.OnRunFinished(true, 6_000);

        var instants = Write(profiler).Where(e => Ph(e) == "i").ToArray();

        Assert.Equal(["injected drop on 0->1 (step 3, micro-batch 1)", "injected crash on stage 1 (step 14)"], instants.Select(Name));
        Assert.Equal([1_500.0, 2_500.0], instants.Select(e => e.GetProperty("ts").GetDouble()));
        Assert.All(instants, e => Assert.Equal("fault-injected", e.GetProperty("cat").GetString()));
        Assert.Equal("0->1", instants[0].GetProperty("args").GetProperty("where").GetString());
    }

    [Fact]
    public void A_rollback_marks_the_failure_on_its_stage_and_the_resume_and_catch_up_across_the_trace()
    {
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run());
        profiler.OnRecovery(new RecoveryEvent(1, 14, "watchdog", "stage 1 did not answer", 2_000, RecoveryAction.Rollback, 10, 4, 3_000, 4_500));
        profiler.OnRunFinished(true, 6_000);

        var instants = Write(profiler).Where(e => Ph(e) == "i").ToArray();

        Assert.Equal(["stage 1 failed at step 14: watchdog", "rolled back to step 10, replaying", "caught up (4 steps replayed)"], instants.Select(Name));
        Assert.Equal([2_000.0, 3_000.0, 4_500.0], instants.Select(e => e.GetProperty("ts").GetDouble()));
        Assert.Equal(["t", "g", "g"], instants.Select(e => e.GetProperty("s").GetString()));
        Assert.Equal(1, Tid(instants[0]));
        Assert.Equal("stage 1 did not answer", instants[0].GetProperty("args").GetProperty("cause").GetString());
    }

    [Fact]
    public void Loss_and_accuracy_are_counters()
    {
        var events = WriteGPipeTrace();

        var counters = events.Where(e => Ph(e) == "C").ToArray();
        Assert.Equal([2.0, 1.5], counters.Where(e => Name(e) == "loss").Select(e => e.GetProperty("args").GetProperty("loss").GetDouble()).ToArray());
        Assert.Equal(0.625, counters.Single(e => Name(e) == "test accuracy").GetProperty("args").GetProperty("accuracy").GetDouble());
    }

    private static string Ph(JsonElement e) => e.GetProperty("ph").GetString()!;

    private static string Name(JsonElement e) => e.GetProperty("name").GetString()!;

    private static int Tid(JsonElement e) => e.GetProperty("tid").GetInt32();

    private static long Step(JsonElement e) => e.GetProperty("args").GetProperty("step").GetInt64();

    private JsonElement[] WriteGPipeTrace() => Write(GPipeTimeline.Record(clock));

    private JsonElement[] Write(Profiler profiler)
    {
        profiler.WriteTo(directory.Path);
        using var document = JsonDocument.Parse(directory.Read(Profiler.TraceFileName));
        return document.RootElement.GetProperty("traceEvents").EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
