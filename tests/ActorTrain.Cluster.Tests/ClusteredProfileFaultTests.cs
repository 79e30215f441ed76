using System.Text.Json;
using ActorTrain.Profiling;

namespace ActorTrain.Cluster.Tests;

/// <summary>
/// A profiled clustered run with a fault plan: the merged trace marks each fault when it was injected, on the worker
/// that injected it (a straggler, shifted onto the driver's clock like the worker's spans) or by the driver (a storage
/// fault), as the one-process trace does.
/// </summary>
[Collection(nameof(ClusterProcesses))]
public sealed class ClusteredProfileFaultTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [TrainingFact]
    public async Task The_merged_trace_marks_the_faults_the_workers_and_the_driver_injected()
    {
        using var temp = new TempDirectory();
        // 8 steps with a checkpoint every 4: the write of the one at step 4 fails, the run warns and goes on.
        var cluster = new LoopbackCluster(temp.File("out"), "run.checkpoint-every=4",
            "faults.plan=[{ kind = straggler, stage = 0, step = 2, factor = 2 }, { kind = checkpoint-write-fail, step = 4 }]");
        var profile = temp.File("profile");
        using var worker0 = cluster.StartNode();
        using var worker1 = cluster.StartNode();
        using var driver = CliProcess.Start([.. cluster.Args("train"), "--profile", profile]);
        Assert.True(await driver.ExitCodeAsync(RunTimeout) == 0, driver.Output + worker0.Output + worker1.Output);

        // The trace's consistency is ClusteredProfileTests' to check; this test is about the marks.
        var tracePath = Path.Combine(profile, Profiler.TraceFileName);
        using var trace = JsonDocument.Parse(File.ReadAllText(tracePath));
        var events = trace.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
        var marks = events.Where(e => e.TryGetProperty("cat", out var c) && c.GetString() == "fault-injected")
            .Select(e => (Name: e.GetProperty("name").GetString()!, Ts: e.GetProperty("ts").GetDouble())).OrderBy(m => m.Ts).ToArray();
        Assert.Equal(2, marks.Length);
        // On one clock: the straggler (step 2, on worker 0) comes before the failed checkpoint (after step 4, by the driver).
        Assert.StartsWith("injected straggler on stage 0 (step 2, micro-batch ", marks[0].Name);
        Assert.Equal("injected checkpoint-write-fail on checkpoint (step 4)", marks[1].Name);
        var spans = events.Where(e => e.TryGetProperty("ph", out var p) && p.GetString() == "X").Select(e => e.GetProperty("ts").GetDouble()).ToArray();
        Assert.All(marks, m => Assert.InRange(m.Ts, spans.Min(), spans.Max()));
    }
}
