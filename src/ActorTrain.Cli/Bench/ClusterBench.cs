using System.Globalization;
using System.Text.Json.Nodes;
using Serilog;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// `actortrain bench cluster`: why tensors take Gloo (round trips of 128 KB and 512 KB between two processes over Gloo
/// and over Akka.Remote), and what running the 2-stage mlp6 pipeline's stages in two worker processes costs against
/// one process (sync 1F1B m = 4, async m = 2): samples/s and their ratio, Gloo bytes per step, share of time in Gloo sends;
/// and what in-memory snapshots replicated to the other worker every 50 steps cost the clustered sync run.
/// </summary>
internal sealed class ClusterBench : IBench
{
    private static readonly int[] LinkSizes = [128 * 1024, 512 * 1024];
    private static readonly (string Mode, int MicroBatches)[] Pipelines = [("sync", 4), ("async", 2)];
    private const double TargetRatio = 0.9;
    private const double SnapshotTargetRatio = 0.97;

    public string Name => "cluster";
    public string Summary =>
        "Gloo vs Akka.Remote round trips (128 KB, 512 KB); mlp6 2-stage pipeline in one process vs two worker processes; snapshots every 50 steps replicated vs off";

    public BenchReport Run(BenchOptions options, Action<string> progress)
    {
        options.RefuseSets(Name);
        var report = new BenchReport(Name);
        var (warmup, glooRounds, akkaRounds) = options.Quick ? (3, 10, 5) : (20, 400, 100);
        var links = LinkProbe.Measure(LinkSizes, warmup, glooRounds, akkaRounds, progress);
        report.Tables.Add(new BenchTable($"two processes on loopback, median of {glooRounds} (Gloo) and {akkaRounds} (Akka.Remote) round trips after {warmup}",
            ["transport", "size", "round trip (ms)", "MB/s"],
            links.Select(l => (IReadOnlyList<string>)[l.Transport, $"{l.Bytes / 1024} KB", l.MedianRoundTripMs.ToString("F3", CultureInfo.InvariantCulture),
                l.MegabytesPerSecond.ToString("N0", CultureInfo.InvariantCulture)]).ToList()));
        report.Json["links"] = new JsonArray(links.Select(l => (JsonNode)new JsonObject
        {
            ["transport"] = l.Transport, ["bytes"] = l.Bytes, ["round-trip-ms"] = Math.Round(l.MedianRoundTripMs, 4),
            ["mb-per-s"] = Math.Round(l.MegabytesPerSecond, 1),
        }).ToArray());

        var (stepsWarmup, stepsMeasured) = options.Quick ? (2, 4) : (10, 80);
        // Snapshots every 50 steps need runs long enough to take some, quick or not.
        var (snapshotWarmup, snapshotMeasured, snapshotRounds) = options.Quick ? (10, 100, 2) : (10, 200, 3);
        var samples = Math.Max(stepsWarmup + stepsMeasured, snapshotWarmup + snapshotMeasured) * ClusterPipelineProbe.BatchSize;
        var data = BenchData.Load(samples, 256, report, progress);
        var log = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(new ProgressSink(progress)).CreateLogger();
        var root = Directory.CreateTempSubdirectory("actortrain-bench-cluster-");
        var outcomes = new List<ClusterPipelineProbe.Outcome>();
        ClusterSnapshotProbe.Outcome snapshots;
        try
        {
            foreach (var (mode, m) in Pipelines)
                outcomes.Add(ClusterPipelineProbe.Measure(mode, m, data, stepsWarmup, stepsMeasured, root.FullName, log, progress));
            snapshots = ClusterSnapshotProbe.Measure(data, snapshotWarmup, snapshotMeasured, snapshotRounds, root.FullName, log, progress);
        }
        finally
        {
            root.Delete(recursive: true);
        }
        report.Tables.Add(new BenchTable(
            $"mlp6, batch {ClusterPipelineProbe.BatchSize}, 2 stages x 1 thread, {data.Name}, {stepsMeasured} measured steps after {stepsWarmup} warm-up",
            ["mode", "m", "1 process (samples/s)", "2 workers (samples/s)", "ratio", "Gloo bytes/step", "time in Gloo sends"],
            outcomes.Select(o => (IReadOnlyList<string>)[o.Mode, o.MicroBatches.ToString(CultureInfo.InvariantCulture),
                o.InProcessSamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture), o.ClusterSamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                o.Ratio.ToString("F2", CultureInfo.InvariantCulture), o.BytesPerStep.ToString("N0", CultureInfo.InvariantCulture),
                string.Join(" / ", o.GlooSendShares.Select(s => s.ToString("P1", CultureInfo.InvariantCulture)))]).ToList()));
        report.Json["dataset"] = data.Name;
        report.Json["batch-size"] = ClusterPipelineProbe.BatchSize;
        report.Json["measured-steps"] = stepsMeasured;
        report.Json["pipelines"] = new JsonArray(outcomes.Select(o => (JsonNode)new JsonObject
        {
            ["mode"] = o.Mode, ["micro-batches"] = o.MicroBatches,
            ["in-process-samples-per-s"] = Math.Round(o.InProcessSamplesPerSecond, 1),
            ["cluster-samples-per-s"] = Math.Round(o.ClusterSamplesPerSecond, 1),
            ["ratio"] = Math.Round(o.Ratio, 3),
            ["steps"] = o.Steps,
            ["gloo-bytes-per-step"] = o.BytesPerStep,
            ["gloo-send-share-per-worker"] = new JsonArray(o.GlooSendShares.Select(s => (JsonNode)Math.Round(s, 4)).ToArray()),
        }).ToArray());
        AddSnapshots(report, snapshots, snapshotWarmup, snapshotMeasured, snapshotRounds);
        report.Notes.Add("time in Gloo sends: each worker's stage threads blocked in Gloo sends, as a share of the clustered run's wall time (worker 0 / worker 1)");
        foreach (var o in outcomes)
            report.Notes.Add(FormattableString.Invariant($"{o.Mode} m={o.MicroBatches}: two workers run at {o.Ratio:F2} x one process (target >= {TargetRatio})"));
        return report;
    }

    private static void AddSnapshots(BenchReport report, ClusterSnapshotProbe.Outcome o, int warmup, int measured, int rounds)
    {
        var replicated = o.Replicated.Count == 0 ? "none taken" : string.Join(" / ", o.Replicated.Select(t => t.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)));
        report.Tables.Add(new BenchTable(
            $"mlp6 sync m = 4 on two workers, {measured} measured steps after {warmup} warm-up, best of {rounds} alternating runs each: in-memory snapshots every {ClusterSnapshotProbe.Every} steps, replicated to the other worker, vs none",
            ["snapshots off (samples/s)", "every 50, replicated (samples/s)", "ratio", "dispatch to every copy and replica held (ms, each snapshot)"],
            [[o.OffSamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture), o.OnSamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture),
              o.Ratio.ToString("F3", CultureInfo.InvariantCulture), replicated]]));
        report.Json["snapshots"] = new JsonObject
        {
            ["every"] = ClusterSnapshotProbe.Every, ["measured-steps"] = measured, ["rounds"] = rounds,
            ["off-samples-per-s"] = Math.Round(o.OffSamplesPerSecond, 1), ["on-samples-per-s"] = Math.Round(o.OnSamplesPerSecond, 1),
            ["ratio"] = Math.Round(o.Ratio, 4),
            ["replicated-ms"] = new JsonArray(o.Replicated.Select(t => (JsonNode)Math.Round(t.TotalMilliseconds, 1)).ToArray()),
        };
        report.Notes.Add(FormattableString.Invariant(
            $"snapshots every {ClusterSnapshotProbe.Every} steps, replicated: {o.Ratio:F3} x the samples/s without (target >= {SnapshotTargetRatio}, i.e. <= 3% overhead); the first snapshot is before step 0, in the warm-up"));
    }
}
