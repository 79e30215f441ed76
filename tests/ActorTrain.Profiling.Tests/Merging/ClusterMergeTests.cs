using System.Text.Json;
using ActorTrain.Profiling.Merging;
using ActorTrain.Profiling.Recording;
using ActorTrain.Profiling.Tests.Fixtures;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Tests.Merging;

/// <summary>
/// The two-stage GPipe run of <see cref="GPipeTimeline"/> split over two workers as a clustered run records it: stage 0
/// on worker 0, stage 1 on worker 1, whose clock runs <see cref="Skew"/> ahead of the driver's; the activations and
/// gradients cross as Gloo transfers. The driver recorded the steps and the test score.
/// </summary>
public sealed class ClusterMergeTests : IDisposable
{
    private static readonly long Skew = 5 * 1_000_000; // ticks of ManualClock (µs): five seconds
    private static readonly ClockOffset SkewMeasured = new(Offset: 5_000_000_000, Uncertainty: 40_000, RoundTrip: 80_000, Pings: 16);

    private readonly TempDirectory directory = new();
    private readonly ManualClock clock = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void A_node_tick_becomes_a_driver_tick_through_nanoseconds_and_the_offset()
    {
        // Node at 1 MHz, 2 s on its clock, 1.5 s ahead of the driver, whose clock counts nanoseconds.
        var clockOffset = new ClockOffset(1_500_000_000, 0, 0, 1);

        Assert.Equal(500_000_000, ClusterMerge.ToDriver(2_000_000, 1_000_000, clockOffset, 1_000_000_000));
    }

    [Fact]
    public void Worker_times_shifted_by_their_offsets_give_a_trace_the_checker_accepts_with_a_row_per_node()
    {
        var nodes = Nodes(SkewMeasured);

        Assert.Empty(Write(nodes));

        Assert.Empty(TraceChecker.CheckFile(directory.File(Profiler.TraceFileName)));
        using var trace = JsonDocument.Parse(directory.Read(Profiler.TraceFileName));
        var events = trace.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
        // Stage 1's first forward ran at 1 ms on the driver's clock, 5 s later on its own.
        var f0 = events.Single(e => Is(e, "ph", "X") && Is(e, "name", "F0") && e.GetProperty("tid").GetInt32() == 1 && e.GetProperty("args").GetProperty("step").GetInt64() == 0);
        Assert.Equal(1_000, f0.GetProperty("ts").GetDouble());
        Assert.Equal(ClusterViewProcess(rank: 1), f0.GetProperty("pid").GetInt32());
        // So did its injected fault's mark: on the driver's clock, like its spans.
        var mark = events.Single(e => Is(e, "cat", "fault-injected"));
        Assert.Equal("injected straggler on stage 1 (step 0, micro-batch 0)", mark.GetProperty("name").GetString());
        Assert.Equal(1_000, mark.GetProperty("ts").GetDouble());
        Assert.Equal(["driver driver-address", "worker 0 w0 pid 100: stage(s) 0", "worker 1 w1 pid 101: stage(s) 1"],
            events.Where(e => Is(e, "name", "process_name")).Select(e => e.GetProperty("args").GetProperty("name").GetString()).Order());
        var receive = events.First(e => Is(e, "cat", "gloo-receive"));
        Assert.Equal(GPipeTimeline.ActivationBytes, receive.GetProperty("args").GetProperty("bytes").GetInt64());
    }

    [Fact]
    public void A_skewed_clock_left_uncorrected_shows_as_flows_running_back_in_time_and_is_warned_about()
    {
        var nodes = Nodes(clock1: null);

        var warnings = Write(nodes);

        Assert.Contains(warnings, w => w.Contains("worker 1 at w1") && w.Contains("clock offset not measured"));
        var problems = TraceChecker.CheckFile(directory.File(Profiler.TraceFileName));
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal(TraceProblemKind.FlowBackInTime, p.Kind));
        Assert.Contains("runs back in time", problems[0].Message);
    }

    [Fact]
    public void A_worker_whose_part_never_arrived_is_named_in_the_warnings_the_summary_and_its_trace_row()
    {
        var nodes = Nodes(SkewMeasured);
        nodes.NotDelivered(1, "no part written within 30 s (cluster.link-timeout)");

        var warning = Assert.Single(Write(nodes));

        Assert.Contains("worker 1 at w1 (pid 101, stage(s) 1) delivered no profile (no part written within 30 s", warning);
        using var summary = JsonDocument.Parse(directory.Read(Profiler.SummaryFileName));
        var missing = Assert.Single(summary.RootElement.GetProperty("cluster").GetProperty("missing").EnumerateArray());
        Assert.Equal(1, missing.GetProperty("rank").GetInt32());
        Assert.Contains("cluster.link-timeout", missing.GetProperty("reason").GetString());
        Assert.Contains("worker 1 w1 pid 101: stage(s) 1 (no profile delivered)", directory.Read(Profiler.TraceFileName));
        Assert.Contains("Warning: worker 1 at w1", directory.Read(Profiler.ReportFileName));
    }

    [Fact]
    public void A_damaged_part_is_named_with_its_file_instead_of_failing_the_profile()
    {
        var nodes = Nodes(SkewMeasured);
        File.WriteAllText(NodePartFile.PathFor(directory.File("parts"), 0), "{\"format\": \"something else\"");

        var warning = Assert.Single(Write(nodes));

        Assert.Contains("worker 0 at w0", warning);
        Assert.Contains("worker-0.json cannot be read", warning);
    }

    [Fact]
    public void The_summary_gives_the_placement_the_links_bytes_and_transfer_time_and_each_clock_with_its_uncertainty()
    {
        Write(Nodes(SkewMeasured));

        using var summary = JsonDocument.Parse(directory.Read(Profiler.SummaryFileName));
        var cluster = summary.RootElement.GetProperty("cluster");
        Assert.Equal([(0, 0), (1, 1)], cluster.GetProperty("placement").EnumerateArray().Select(p => (p.GetProperty("stage").GetInt32(), p.GetProperty("rank").GetInt32())));
        var forward = cluster.GetProperty("links").EnumerateArray().First();
        Assert.Equal(GPipeTimeline.Steps * GPipeTimeline.MicroBatches * GPipeTimeline.ActivationBytes, forward.GetProperty("bytes").GetInt64());
        Assert.Equal(GPipeTimeline.Steps * GPipeTimeline.MicroBatches, forward.GetProperty("sends").GetInt64());
        Assert.Equal(0.1 * GPipeTimeline.Steps * GPipeTimeline.MicroBatches, forward.GetProperty("receive-ms").GetDouble(), 6);
        var node1 = cluster.GetProperty("nodes")[1];
        Assert.Equal(5_000_000.0, node1.GetProperty("clock-offset-us").GetDouble());
        Assert.Equal(40.0, node1.GetProperty("clock-uncertainty-us").GetDouble());
    }

    [Fact]
    public void The_driver_marks_what_it_injected_and_leaves_a_fault_its_worker_marked_to_the_worker()
    {
        var driver = GPipeTimeline.Record(clock, spans: []);
        // The driver's own fault, and its late account of the one worker 1 marked itself (from the step's dispatch).
        driver.OnFaultInjected(new FaultInjection("kill-node", "node of stage 0", 1, -1, 2_000, Stage: 0));
        driver.OnFaultInjected(new FaultInjection("straggler", "stage 1", 0, 0, 500, Stage: 1));

        driver.WriteClusterTo(directory.Path, Nodes(SkewMeasured));

        using var trace = JsonDocument.Parse(directory.Read(Profiler.TraceFileName));
        var marks = trace.RootElement.GetProperty("traceEvents").EnumerateArray().Where(e => Is(e, "cat", "fault-injected"))
            .Select(e => (e.GetProperty("name").GetString(), e.GetProperty("ts").GetDouble())).OrderBy(m => m.Item2);
        Assert.Equal([("injected straggler on stage 1 (step 0, micro-batch 0)", 1_000.0), ("injected kill-node on node of stage 0 (step 1)", 2_000.0)], marks);
    }

    private static int ClusterViewProcess(int rank) => ClusterView.ProcessOfRank(rank);

    private static bool Is(JsonElement e, string name, string value) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == value;

    private IReadOnlyList<string> Write(ClusterNodes nodes) =>
        GPipeTimeline.Record(clock, spans: []).WriteClusterTo(directory.Path, nodes);

    /// <summary>Both workers placed, their parts written; worker 1's clock as measured (null: not measured).</summary>
    private ClusterNodes Nodes(ClockOffset? clock1)
    {
        var parts = directory.File("parts");
        var nodes = new ClusterNodes(parts) { DriverAddress = "driver-address" };
        var spans = GPipeTimeline.Spans();
        for (int rank = 0; rank < 2; rank++)
        {
            var skew = rank == 1 ? Skew : 0;
            var mine = spans.Where(s => s.Stage == rank && s.Kind != SpanKind.Send)
                .Select(s => s with { StartTimestamp = s.StartTimestamp + skew, EndTimestamp = s.EndTimestamp + skew }).ToArray();
            var part = new NodePart(rank, $"w{rank}", 100 + rank, [GPipeTimeline.Run().StageDetails[rank]], clock.TimestampFrequency, mine,
                Transfers(spans, rank, skew), [])
            {
                // Worker 1 injected a fault 1 ms into the run, on its own clock.
                Injections = rank == 1 ? [new FaultInjection("straggler", "stage 1", 0, 0, 1_000 + skew, Stage: 1)] : [],
            };
            var path = NodePartFile.PathFor(parts, rank);
            NodePartFile.Write(path, part);
            nodes.Joined($"w{rank}", 100 + rank);
            nodes.Placed($"w{rank}", rank, [rank]);
            nodes.Delivered(rank, path);
        }

        nodes.ClockMeasured("w0", new ClockOffset(0, 40_000, 80_000, 16));
        if (clock1 is not null) nodes.ClockMeasured("w1", clock1);
        else nodes.ClockFailed("w1", "no answer to ping 1 of 16 within 5 s");
        return nodes;
    }

    /// <summary>
    /// Each send of the fixture as a Gloo send on the sender's node (instant, as the fixture's sends are: the stage's
    /// next work starts at once) and a 0.1 ms receive on the other, both in that node's ticks.
    /// </summary>
    private static TransferSpan[] Transfers(IEnumerable<Span> spans, int rank, long skew) => spans
        .Where(s => s.Kind == SpanKind.Send)
        .SelectMany(s =>
        {
            int to = 1 - s.Stage;
            var peer = rank == s.Stage ? to : s.Stage;
            var receive = rank != s.Stage;
            var transfer = new TransferSpan(receive, s.Stage, to, peer, s.Step, s.MicroBatch, s.StartTimestamp + skew, s.StartTimestamp + (receive ? 100 : 0) + skew, s.Bytes);
            return rank == s.Stage || rank == to ? [transfer] : Array.Empty<TransferSpan>();
        })
        .ToArray();
}
