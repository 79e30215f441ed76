using System.Text.Json.Nodes;

namespace ActorTrain.Cli.Tests.Bench;

/// <summary>`actortrain bench cluster --quick --json` as a user runs it: a real process that starts its own peer and workers.</summary>
public sealed class ClusterBenchTests
{
    // mlp6 cut [3, 3] sends a 1024-wide float activation forward and its gradient back: 2 x 128 x 1024 x 4 bytes per
    // step, plus one 96-byte link header (12 int64: the message and its link-protocol frame) per micro-batch and direction.
    private const long ActivationBytesPerStep = 2L * 128 * 1024 * 4;

    [TrainingFact]
    public void A_quick_run_reports_both_transports_each_clustered_pipeline_with_its_gloo_bytes_per_step_and_the_cost_of_snapshots()
    {
        var result = ActortrainProcess.Run(["bench", "cluster", "--quick", "--json"]);

        Assert.True(result.Code == 0, result.Err);
        var json = JsonNode.Parse(result.Out)!;
        var links = json["links"]!.AsArray();
        Assert.Equal(["gloo 131072", "gloo 524288", "akka-remote 131072", "akka-remote 524288"],
            links.Select(l => $"{l!["transport"]} {l["bytes"]}"));
        Assert.All(links, l => Assert.True(l!["round-trip-ms"]!.GetValue<double>() > 0));
        var pipelines = json["pipelines"]!.AsArray();
        Assert.Equal(["sync 4", "async 2"], pipelines.Select(p => $"{p!["mode"]} {p["micro-batches"]}"));
        foreach (var p in pipelines)
        {
            var m = p!["micro-batches"]!.GetValue<int>();
            Assert.Equal(ActivationBytesPerStep + 2 * m * 96, p["gloo-bytes-per-step"]!.GetValue<long>());
            Assert.True(p["cluster-samples-per-s"]!.GetValue<double>() > 0, result.Err);
            Assert.Equal(2, p["gloo-send-share-per-worker"]!.AsArray().Count);
        }
        // Two runs with snapshots before steps 0, 50 and 100 of 110, each with a copy and a replica of both stages (the last may still be on its way at the end).
        var snapshots = json["snapshots"]!;
        Assert.Equal(50, snapshots["every"]!.GetValue<int>());
        Assert.True(snapshots["ratio"]!.GetValue<double>() > 0, result.Err);
        Assert.InRange(snapshots["replicated-ms"]!.AsArray().Count, 4, 6);
    }
}
