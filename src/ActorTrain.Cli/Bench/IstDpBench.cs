using System.Globalization;
using System.Text.Json.Nodes;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Ist;
using Serilog;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// `actortrain bench ist-dp`: the comparison the IST papers make, across processes. ist-mlp trained on two worker
/// processes by independent subnet training (the driver as parameter server) and by data parallelism, each with every
/// Gloo send unpaced and paced to 100 MB/s (cluster.link-bandwidth): samples/s, bytes on the wire per sample, wall time
/// and the test accuracy after the same budget of epochs.
/// </summary>
internal sealed class IstDpBench : IBench
{
    private static readonly (string Label, string Value)[] Bandwidths = [("unpaced", "0"), ("100 MB/s", "100MB/s")];

    public string Name => "ist-dp";
    public string Summary => "ist-mlp on two worker processes: IST (parameter server on the driver) vs dp, unpaced and at 100 MB/s per process";

    public BenchReport Run(BenchOptions options, Action<string> progress)
    {
        options.RefuseSets(Name);
        var report = new BenchReport(Name);
        var (train, test, epochs) = options.Quick ? (2048, 512, 1) : (30000, 10000, 2);
        var data = BenchData.Load(train, test, report, progress);
        var log = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(new ProgressSink(progress)).CreateLogger();
        var root = Directory.CreateTempSubdirectory("actortrain-bench-ist-dp-");
        var outcomes = new List<IstDpProbe.Outcome>();
        try
        {
            foreach (var bandwidth in Bandwidths)
                foreach (var mode in new[] { IstRun.Mode, DataParallelRun.Mode })
                    outcomes.Add(IstDpProbe.Measure(mode, bandwidth, data, epochs, root.FullName, log, progress));
        }
        finally
        {
            root.Delete(recursive: true);
        }
        report.Tables.Add(new BenchTable(
            FormattableString.Invariant($"ist-mlp, batch {IstDpProbe.BatchSize}, 2 worker processes x 1 thread, {data.Name} ({data.Train.Count:N0} train / {data.Test.Count:N0} test), {epochs} epoch(s); ist: {IstDpProbe.LocalSteps} local steps per round"),
            ["mode", "link", "samples/s", "Gloo MB (all processes)", "bytes/sample", "wall (s)", "test accuracy"],
            outcomes.Select(o => (IReadOnlyList<string>)[o.Mode, o.Bandwidth, o.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                (o.GlooBytes / 1e6).ToString("N1", CultureInfo.InvariantCulture), o.BytesPerSample.ToString("N0", CultureInfo.InvariantCulture),
                o.Seconds.ToString("F1", CultureInfo.InvariantCulture), o.TestAccuracy is { } a ? a.ToString("P2", CultureInfo.InvariantCulture) : "n/a"]).ToList()));
        report.Json["dataset"] = data.Name;
        report.Json["train-samples"] = data.Train.Count;
        report.Json["test-samples"] = data.Test.Count;
        report.Json["epochs"] = epochs;
        report.Json["batch-size"] = IstDpProbe.BatchSize;
        report.Json["ist-local-steps"] = IstDpProbe.LocalSteps;
        report.Json["runs"] = new JsonArray(outcomes.Select(o => (JsonNode)new JsonObject
        {
            ["mode"] = o.Mode, ["link"] = o.Bandwidth,
            ["samples-per-s"] = Math.Round(o.SamplesPerSecond, 1),
            ["gloo-bytes"] = o.GlooBytes,
            ["bytes-per-sample"] = Math.Round(o.BytesPerSample, 1),
            ["steps"] = o.Steps,
            ["wall-s"] = Math.Round(o.Seconds, 2),
            ["test-accuracy"] = o.TestAccuracy is { } a ? Math.Round(a, 4) : null,
        }).ToArray());
        report.Notes.Add("link: every Gloo send of every process (driver and workers) takes at least bytes / bandwidth (cluster.link-bandwidth)");
        report.Notes.Add("Gloo MB: IST counts the slices the server sent and the workers sent back; dp counts a ring all-reduce's 2 (p - 1) / p of each gradient from every rank");
        report.Notes.Add("samples/s after the first step (an IST step is a round of local steps on both workers); wall time includes the evaluation after each epoch");
        return report;
    }
}
