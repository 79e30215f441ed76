using System.Text.Json;
using ActorTrain.Profiling;

namespace ActorTrain.Cluster.Tests;

/// <summary>`--profile` on a clustered run's driver: one trace for the whole cluster, from real worker processes.</summary>
[Collection(nameof(ClusterProcesses))]
public sealed class ClusteredProfileTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [TrainingFact]
    public async Task A_profiled_two_worker_sync_run_writes_one_consistent_trace_with_a_row_per_node_gloo_spans_and_arrows_between_nodes()
    {
        using var temp = new TempDirectory();
        var cluster = new LoopbackCluster(temp.File("out"), "data.train-limit=512");
        var profile = temp.File("profile");
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = CliProcess.Start([.. cluster.Args("train"), "--profile", profile]);
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);
        Assert.Equal(0, await worker0.ExitCodeAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(0, await worker1.ExitCodeAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains($"Profile: {profile}", driver.Stdout);
        // The console says where each stage runs.
        Assert.Matches(@"Placement: worker 0 at \S+ \(pid \d+\) with stage\(s\) 0", driver.Output);
        Assert.Matches(@"Placement: worker 1 at \S+ \(pid \d+\) with stage\(s\) 1", driver.Output);

        var tracePath = Path.Combine(profile, Profiler.TraceFileName);
        // The checker holds the merged trace to what it holds a one-process trace to, and every flow arrow (drawn after
        // the workers' times were shifted by their clock offsets) must start before it ends.
        Assert.Empty(TraceChecker.CheckFile(tracePath).Select(p => p.ToString()));

        using var trace = JsonDocument.Parse(File.ReadAllText(tracePath));
        var events = trace.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
        var processes = events.Where(e => Str(e, "ph") == "M" && Str(e, "name") == "process_name")
            .ToDictionary(e => e.GetProperty("pid").GetInt32(), e => e.GetProperty("args").GetProperty("name").GetString()!);
        Assert.Equal(3, processes.Count);
        Assert.Single(processes.Values, n => n.StartsWith("driver ", StringComparison.Ordinal));
        Assert.Single(processes.Values, n => n.StartsWith("worker 0 ", StringComparison.Ordinal) && n.EndsWith("stage(s) 0", StringComparison.Ordinal));
        Assert.Single(processes.Values, n => n.StartsWith("worker 1 ", StringComparison.Ordinal) && n.EndsWith("stage(s) 1", StringComparison.Ordinal));

        var slices = events.Where(e => Str(e, "ph") == "X").ToArray();
        // Stage 0's forwards on worker 0's row, stage 1's on worker 1's.
        var stageRows = slices.Where(e => Str(e, "cat") == "forward").Select(e => (Stage: e.GetProperty("tid").GetInt32(), Pid: e.GetProperty("pid").GetInt32()))
            .Distinct().OrderBy(r => r.Stage).ToArray();
        Assert.Equal(2, stageRows.Length);
        Assert.NotEqual(stageRows[0].Pid, stageRows[1].Pid);
        foreach (var category in new[] { "gloo-send", "gloo-receive" })
        {
            var gloo = slices.Where(e => Str(e, "cat") == category).ToArray();
            Assert.NotEmpty(gloo);
            Assert.All(gloo, e => Assert.True(e.GetProperty("args").GetProperty("bytes").GetInt64() > 0, $"{category} without bytes"));
            Assert.Equal(2, gloo.Select(e => e.GetProperty("pid").GetInt32()).Distinct().Count());
        }

        var crossNode = events.Where(e => Str(e, "ph") is "s" or "t" or "f")
            .GroupBy(e => e.GetProperty("id").GetRawText())
            .Count(flow => flow.Select(e => e.GetProperty("pid").GetInt32()).Distinct().Count() > 1);
        Assert.True(crossNode > 0, "no flow arrow goes from one node to another");
        var clocks = trace.RootElement.GetProperty("otherData").GetProperty("clock-offsets").EnumerateArray().ToArray();
        Assert.Equal(2, clocks.Length);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(profile, Profiler.SummaryFileName)));
        var view = summary.RootElement.GetProperty("cluster");
        var placement = view.GetProperty("placement").EnumerateArray().Select(p => (p.GetProperty("stage").GetInt32(), p.GetProperty("rank").GetInt32())).ToArray();
        Assert.Equal([(0, 0), (1, 1)], placement);
        var links = view.GetProperty("links").EnumerateArray().ToArray();
        Assert.Equal(2, links.Length);
        Assert.All(links, l =>
        {
            Assert.True(l.GetProperty("bytes").GetInt64() > 0);
            Assert.True(l.GetProperty("send-ms").GetDouble() > 0);
            Assert.Equal(l.GetProperty("sends").GetInt64(), l.GetProperty("receives").GetInt64());
        });
        foreach (var node in view.GetProperty("nodes").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Number, node.GetProperty("clock-offset-us").ValueKind);
            Assert.True(node.GetProperty("clock-uncertainty-us").GetDouble() > 0);
            Assert.True(node.GetProperty("clock-pings").GetInt32() > 1);
            Assert.True(node.GetProperty("profile-delivered").GetBoolean());
        }

        Assert.Empty(view.GetProperty("missing").EnumerateArray());
        Assert.Contains("Gloo link", File.ReadAllText(Path.Combine(profile, Profiler.ReportFileName)));
    }

    [TrainingFact]
    public async Task A_profiled_dp_run_has_each_replica_and_its_all_reduces_on_its_own_worker_row()
    {
        using var temp = new TempDirectory();
        var cluster = new LoopbackCluster(temp.File("out"), "data.train-limit=512", "run.mode=dp", "dp.replicas=2");
        var profile = temp.File("profile");
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = CliProcess.Start([.. cluster.Args("train"), "--profile", profile]);
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);

        var tracePath = Path.Combine(profile, Profiler.TraceFileName);
        Assert.Empty(TraceChecker.CheckFile(tracePath).Select(p => p.ToString()));
        using var trace = JsonDocument.Parse(File.ReadAllText(tracePath));
        var slices = trace.RootElement.GetProperty("traceEvents").EnumerateArray().Where(e => Str(e, "ph") == "X").ToArray();
        foreach (var category in new[] { "forward", "backward", "send" })
            Assert.Equal(2, slices.Where(e => Str(e, "cat") == category).Select(e => e.GetProperty("pid").GetInt32()).Distinct().Count());
        Assert.All(slices.Where(e => Str(e, "cat") == "send"), e => Assert.True(e.GetProperty("args").GetProperty("bytes").GetInt64() > 0));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(profile, Profiler.SummaryFileName)));
        Assert.Empty(summary.RootElement.GetProperty("cluster").GetProperty("missing").EnumerateArray());
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
