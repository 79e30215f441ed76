using System.Globalization;
using System.Text.Json.Nodes;
using Serilog;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// `actortrain bench cluster`: why tensors take Gloo (round trips of 128 KB and 512 KB between two processes over Gloo
/// and over Akka.Remote), and what running the 2-stage mlp6 pipeline's stages in two worker processes costs against
/// one process (sync 1F1B m = 4, async m = 2): samples/s and their ratio, Gloo bytes per step, share of time in Gloo sends.
/// </summary>
internal sealed class ClusterBench : IBench
{
    private static readonly int[] LinkSizes = [128 * 1024, 512 * 1024];
    private static readonly (string Mode, int MicroBatches)[] Pipelines = [("sync", 4), ("async", 2)];
    private const double TargetRatio = 0.9;

    public string Name => "cluster";
    public string Summary => "Gloo vs Akka.Remote round trips (128 KB, 512 KB); mlp6 2-stage pipeline in one process vs two worker processes";

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
        var data = BenchData.Load((stepsWarmup + stepsMeasured) * ClusterPipelineProbe.BatchSize, 256, report, progress);
        var log = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(new ProgressSink(progress)).CreateLogger();
        var root = Directory.CreateTempSubdirectory("actortrain-bench-cluster-");
        var outcomes = new List<ClusterPipelineProbe.Outcome>();
        try
        {
            foreach (var (mode, m) in Pipelines)
                outcomes.Add(ClusterPipelineProbe.Measure(mode, m, data, stepsWarmup, stepsMeasured, root.FullName, log, progress));
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
        report.Notes.Add("time in Gloo sends: each worker's stage threads blocked in Gloo sends, as a share of the clustered run's wall time (worker 0 / worker 1)");
        foreach (var o in outcomes)
            report.Notes.Add(FormattableString.Invariant($"{o.Mode} m={o.MicroBatches}: two workers run at {o.Ratio:F2} x one process (target >= {TargetRatio})"));
        return report;
    }
}
