using System.Globalization;
using System.Text.Json.Nodes;
using ActorTrain.Data.Datasets;
using ActorTrain.Training.Runs;
using Serilog;
using Outcome = ActorTrain.Cli.Bench.ModeRun.Outcome;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// `actortrain bench modes`: the training modes against each other in one invocation, on Fashion-MNIST with one seed.
/// mlp6 in 2 stages for the same total epochs: sync (1F1B, m = 4), async (the pipeline without flush, its default
/// profiled partition) with the same m = 4 and with hocon/async.conf's m = 2 (each micro-batch is an update there), and
/// with m = 4 and one update per mini-batch (async.update = mini-batch, PipeDream-2BW),
/// decoupled only, and decoupled then one sync recovery epoch (test accuracy, wall time,
/// samples/s, bytes crossing the stage boundary, per-stage peak memory). Then ist-mlp:
/// IST (2 workers, 20 local steps) against data parallelism (2 replicas): time to 85% test accuracy, final accuracy
/// after the same epochs, bytes moved. Every run is configured as `train` would be (reference.conf plus keys).
/// </summary>
internal sealed class ModesBench : IBench
{
    private const double TargetAccuracy = 0.85;

    public string Name => "modes";
    public string Summary => "mlp6: sync vs async vs decoupled vs decoupled+sync recovery; ist-mlp: ist vs dp (time to 85%)";


    public BenchReport Run(BenchOptions options, Action<string> progress)
    {
        options.RefuseSets(Name);
        var report = new BenchReport(Name);
        var limit = options.Quick ? 4096 : 0;
        var data = BenchData.Load(limit, options.Quick ? 1000 : 0, report, progress);
        var (pipelineEpochs, subnetEpochs) = options.Quick ? (2, 1) : (6, 3);
        var log = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(new ProgressSink(progress)).CreateLogger();
        var root = Directory.CreateTempSubdirectory("actortrain-bench-modes-").FullName;
        try
        {
            string[] mlp6 = ["model.preset=mlp6", "pipeline.stages=2", "pipeline.micro-batches=4", "pipeline.schedule=1f1b", "optimizer.lr=0.02"];
            string[] balanced = [.. mlp6, "pipeline.partition=balance", "pipeline.balance=[3,3]"];
            var e = pipelineEpochs;
            var pipeline = new List<Outcome>
            {
                Measure("sync", e, data, root, log, progress, [.. balanced, "run.mode=sync", $"run.epochs={e}"]),
                Measure("async m=4", e, data, root, log, progress, [.. mlp6, "run.mode=async", $"run.epochs={e}"]),
                Measure("async m=2", e, data, root, log, progress, [.. mlp6, "run.mode=async", "pipeline.micro-batches=2", $"run.epochs={e}"]),
                // 2bw: one step per mini-batch, still without flush (PipeDream-2BW).
                Measure("async m=4 2bw", e, data, root, log, progress, [.. mlp6, "run.mode=async", "async.update=mini-batch", $"run.epochs={e}"]),
                Measure("decoupled", e, data, root, log, progress, [.. balanced, $"mode-plan=[{{mode=decoupled, epochs={e}, lr={ModeRun.DecoupledLr}}}]"]),
                Measure($"decoupled {e - 1} + sync 1", e, data, root, log, progress,
                    [.. balanced, $"mode-plan=[{{mode=decoupled, epochs={e - 1}, lr={ModeRun.DecoupledLr}}}, {{mode=sync, epochs=1, optimizer-state=reset}}]"]),
            };
            string[] ist = ["model.preset=ist-mlp", "optimizer.lr=0.05", $"run.epochs={subnetEpochs}"];
            var subnets = new List<Outcome>
            {
                Measure("ist n=2 R=20", subnetEpochs, data, root, log, progress, [.. ist, "run.mode=ist", "ist.workers=2", "ist.local-steps=20"]),
                Measure("dp n=2", subnetEpochs, data, root, log, progress, [.. ist, "run.mode=dp", "dp.replicas=2"]),
            };
            Summarize(report, data, pipeline, subnets);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        return report;
    }

    private static Outcome Measure(string name, int epochs, Dataset data, string root, ILogger log, Action<string> progress, string[] sets) =>
        ModeRun.Measure(name, epochs, data, root, log, progress, sets, TargetAccuracy);

    private static void Summarize(BenchReport report, Dataset data, IReadOnlyList<Outcome> pipeline, IReadOnlyList<Outcome> subnets)
    {
        static string Pct(double? v) => v is { } x ? x.ToString("P2", CultureInfo.InvariantCulture) : "-";
        static string Num(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
        static string Mb(long b) => Num(b / 1048576.0, "N1");
        report.Tables.Add(new BenchTable($"mlp6, 2 stages, {data.Name}, {pipeline[0].Epochs} epochs each",
            ["run", "test accuracy", "wall s", "samples/s", "boundary MB", "stage 0 peak MB", "stage 1 peak MB"],
            pipeline.Select(o => (IReadOnlyList<string>)[o.Run, Pct(o.Accuracy), Num(o.Seconds, "F1"), Num(o.SamplesPerSecond, "N0"), Mb(o.Bytes),
                o.PeakBytes.Count > 0 ? Mb(o.PeakBytes[0]) : "-", o.PeakBytes.Count > 1 ? Mb(o.PeakBytes[1]) : "-"]).ToList()));
        report.Tables.Add(new BenchTable($"ist-mlp, {data.Name}, {subnets[0].Epochs} epochs each",
            ["run", "test accuracy", "wall s", "time to 85% s", "MB moved"],
            subnets.Select(o => (IReadOnlyList<string>)[o.Run, Pct(o.Accuracy), Num(o.Seconds, "F1"),
                o.ToTarget is { } t ? Num(t.TotalSeconds, "F1") : "not reached", Mb(o.Bytes)]).ToList()));

        var sync = pipeline[0];
        var asyncRuns = pipeline.Where(o => o.Run.StartsWith("async", StringComparison.Ordinal)).ToList();
        var (decoupled, recovered) = (pipeline[^2], pipeline[^1]);
        var (ist, dp) = (subnets[0], subnets[1]);
        var gap = ((sync.Accuracy ?? 0) - (recovered.Accuracy ?? 0)) * 100;
        var speed = sync.SamplesPerSecond > 0 ? decoupled.SamplesPerSecond / sync.SamplesPerSecond : 0;
        var traffic = sync.Bytes > 0 ? (double)decoupled.Bytes / sync.Bytes : 0;
        double? timeRatio = ist.ToTarget is { } i && dp.ToTarget is { } d && d.TotalSeconds > 0 ? i.TotalSeconds / d.TotalSeconds : null;
        foreach (var async in asyncRuns)
        {
            var asyncSpeed = sync.SamplesPerSecond > 0 ? async.SamplesPerSecond / sync.SamplesPerSecond : 0;
            var asyncGap = ((sync.Accuracy ?? 0) - (async.Accuracy ?? 0)) * 100;
            report.Notes.Add(FormattableString.Invariant(
                $"{async.Run} vs sync samples/s: {asyncSpeed:F2}x (target >= 1.15); accuracy {asyncGap:F2} points behind sync (target within 1)"));
            var key = async.Run.Replace(' ', '-').Replace("=", "", StringComparison.Ordinal);
            report.Json[$"{key}-over-sync-samples-per-s-ratio"] = Math.Round(asyncSpeed, 3);
            report.Json[$"{key}-accuracy-gap-points"] = Math.Round(asyncGap, 3);
        }
        report.Notes.Add(FormattableString.Invariant($"decoupled+recovery vs sync: {gap:F2} accuracy points behind (target <= 1.0)"));
        report.Notes.Add(FormattableString.Invariant($"decoupled vs sync samples/s: {speed:F2}x (target >= 1.3); boundary traffic {traffic:P3} of sync's (target < 1%)"));
        report.Notes.Add(timeRatio is { } r
            ? FormattableString.Invariant($"ist vs dp time to 85%: {r:F2}x (target <= 0.7)")
            : "ist vs dp time to 85%: not both reached 85%");

        var runs = new JsonArray();
        foreach (var o in pipeline.Concat(subnets))
            runs.Add(new JsonObject
            {
                ["run"] = o.Run, ["epochs"] = o.Epochs, ["test-accuracy"] = o.Accuracy, ["wall-s"] = Math.Round(o.Seconds, 2),
                ["samples-per-s"] = Math.Round(o.SamplesPerSecond, 1), ["bytes-moved"] = o.Bytes,
                ["stage-peak-bytes"] = new JsonArray([.. o.PeakBytes.Select(b => (JsonNode)b)]),
                ["time-to-85-percent-s"] = o.ToTarget is { } t ? Math.Round(t.TotalSeconds, 2) : null,
            });
        report.Json["dataset"] = data.Name;
        report.Json["runs"] = runs;
        report.Json["recovery-accuracy-gap-points"] = Math.Round(gap, 3);
        report.Json["decoupled-over-sync-samples-per-s-ratio"] = Math.Round(speed, 3);
        report.Json["decoupled-over-sync-boundary-bytes-ratio"] = Math.Round(traffic, 6);
        report.Json["ist-over-dp-time-to-85-ratio"] = timeRatio is { } tr ? Math.Round(tr, 3) : null;
    }
}
