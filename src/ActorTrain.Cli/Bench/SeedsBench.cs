using System.Globalization;
using System.Text.Json.Nodes;
using ActorTrain.Data.Datasets;
using Serilog;
using Outcome = ActorTrain.Cli.Bench.ModeRun.Outcome;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// `actortrain bench seeds [--seeds N]`: the papers' claims with error bars. Every configuration runs once per seed
/// (run.seed = 1..N: weight init and data order both change), on Fashion-MNIST; each figure is reported as mean and
/// standard deviation over seeds, and each claim as the mean of its per-seed (paired) difference or ratio with a 95%
/// t-interval, so a target is judged met only when the whole interval clears it.
/// </summary>
internal sealed class SeedsBench : IBench
{
    private const double TargetAccuracy = 0.85;
    private const int DefaultSeeds = 3;

    public string Name => "seeds";
    public string Summary => "the papers' claims over N seeds (default 3): mean ± sd per mode, 95% t-intervals per claim (~40 min)";

    private sealed record Config(string Name, string[] Sets, bool Subnet);

    public BenchReport Run(BenchOptions options, Action<string> progress)
    {
        options.RefuseSets(Name);
        var seeds = options.Seeds ?? (options.Quick ? 2 : DefaultSeeds);
        if (seeds < 2) throw new UsageException("bench seeds needs --seeds 2 or more: one seed has no spread.");
        var report = new BenchReport(Name);
        var data = BenchData.Load(options.Quick ? 1024 : 0, options.Quick ? 512 : 0, report, progress);
        // Sized so 3 seeds take about 40 minutes on a 2-core machine (~1,250 samples/s for sync mlp6).
        var (pipelineEpochs, subnetEpochs) = options.Quick ? (2, 1) : (3, 2);
        var configs = Configs(pipelineEpochs, subnetEpochs);
        var log = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(new ProgressSink(progress)).CreateLogger();
        var root = Directory.CreateTempSubdirectory("actortrain-bench-seeds-").FullName;
        var outcomes = configs.ToDictionary(c => c.Name, _ => new List<Outcome>());
        try
        {
            for (var seed = 1; seed <= seeds; seed++)
                foreach (var c in configs)
                {
                    var epochs = c.Subnet ? subnetEpochs : pipelineEpochs;
                    outcomes[c.Name].Add(ModeRun.Measure($"seed {seed}/{seeds} {c.Name}", epochs, data, Path.Combine(root, $"seed-{seed}"), log,
                        progress, [.. c.Sets, $"run.seed={seed}"], TargetAccuracy));
                }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        Summarize(report, data, configs, outcomes, pipelineEpochs, subnetEpochs, seeds);
        return report;
    }

    private static List<Config> Configs(int pipelineEpochs, int subnetEpochs)
    {
        string[] mlp6 = ["model.preset=mlp6", "pipeline.stages=2", "pipeline.micro-batches=4", "pipeline.schedule=1f1b", "optimizer.lr=0.02",
            "pipeline.partition=balance", "pipeline.balance=[3,3]", $"run.epochs={pipelineEpochs}"];
        string[] ist = ["model.preset=ist-mlp", "optimizer.lr=0.05", $"run.epochs={subnetEpochs}"];
        var e = pipelineEpochs;
        return
        [
            new("sync 1f1b", [.. mlp6, "run.mode=sync"], false),
            new("async m=2", [.. mlp6, "run.mode=async", "pipeline.micro-batches=2"], false),
            new("async m=4 2bw", [.. mlp6, "run.mode=async", "async.update=mini-batch"], false),
            new("decoupled", [.. mlp6, $"mode-plan=[{{mode=decoupled, epochs={e}, lr={ModeRun.DecoupledLr}}}]"], false),
            new($"decoupled {e - 1} + sync 1", [.. mlp6,
                $"mode-plan=[{{mode=decoupled, epochs={e - 1}, lr={ModeRun.DecoupledLr}}}, {{mode=sync, epochs=1, optimizer-state=reset}}]"], false),
            new("ist n=2 R=20", [.. ist, "run.mode=ist", "ist.workers=2", "ist.local-steps=20"], true),
            new("dp n=2", [.. ist, "run.mode=dp", "dp.replicas=2"], true),
        ];
    }

    private static void Summarize(BenchReport report, Dataset data, IReadOnlyList<Config> configs, Dictionary<string, List<Outcome>> outcomes,
        int pipelineEpochs, int subnetEpochs, int seeds)
    {
        static string Pm(IReadOnlyList<double> values, string format, double scale = 1)
        {
            var s = SeedStatistics.Of(values);
            return (s.Mean * scale).ToString(format, CultureInfo.InvariantCulture) + " ± " + (s.StandardDeviation * scale).ToString(format, CultureInfo.InvariantCulture);
        }
        static double[] Of(IEnumerable<Outcome> runs, Func<Outcome, double?> figure) => runs.Select(o => figure(o) ?? double.NaN).ToArray();

        var rows = new List<IReadOnlyList<string>>();
        var json = new JsonArray();
        foreach (var c in configs)
        {
            var runs = outcomes[c.Name];
            var reached = runs.Where(o => o.ToTarget is not null).Select(o => o.ToTarget!.Value.TotalSeconds).ToArray();
            rows.Add([c.Name, Pm(Of(runs, o => o.Accuracy), "F2", 100), Pm(Of(runs, o => o.BestAccuracy), "F2", 100), Pm(Of(runs, o => o.Seconds), "F1"),
                Pm(Of(runs, o => o.SamplesPerSecond), "N0"), reached.Length == 0 ? "not reached" : $"{Pm(reached, "F1")} ({reached.Length}/{runs.Count})"]);
            json.Add(new JsonObject
            {
                ["run"] = c.Name,
                ["epochs"] = c.Subnet ? subnetEpochs : pipelineEpochs,
                ["test-accuracy"] = Figure(Of(runs, o => o.Accuracy)),
                ["best-test-accuracy"] = Figure(Of(runs, o => o.BestAccuracy)),
                ["wall-s"] = Figure(Of(runs, o => o.Seconds)),
                ["samples-per-s"] = Figure(Of(runs, o => o.SamplesPerSecond)),
                ["time-to-85-percent-s"] = reached.Length == 0 ? null : Figure(reached),
                ["seeds-reaching-85-percent"] = reached.Length,
            });
        }
        report.Tables.Add(new BenchTable($"{data.Name}, {seeds} seeds: mlp6 2 stages {pipelineEpochs} epochs, ist-mlp {subnetEpochs} epochs (mean ± sd)",
            ["run", "final acc %", "best acc %", "wall s", "samples/s", "time to 85% s"], rows));

        var claims = Claims(outcomes, pipelineEpochs);
        report.Tables.Add(new BenchTable("claims: per-seed paired difference or ratio, mean [95% t-interval]",
            ["claim", "ours", "target", "verdict"],
            claims.Select(c => (IReadOnlyList<string>)[c.Name, c.Describe(), c.Target, c.Verdict]).ToList()));
        report.Json["dataset"] = data.Name;
        report.Json["seeds"] = seeds;
        report.Json["runs"] = json;
        report.Json["claims"] = new JsonArray([.. claims.Select(c => (JsonNode)c.ToJson())]);
        report.Notes.Add("A verdict is 'met' when the whole 95% interval clears the target, 'not met' when it lies wholly on the wrong side, " +
                         "'undecided' otherwise (more seeds narrow it).");
    }

    private static JsonObject Figure(IReadOnlyList<double> values)
    {
        var s = SeedStatistics.Of(values);
        return new JsonObject { ["mean"] = Math.Round(s.Mean, 5), ["sd"] = Math.Round(s.StandardDeviation, 5), ["values"] = new JsonArray([.. values.Select(v => (JsonNode)Math.Round(v, 5))]) };
    }

    private static List<Claim> Claims(Dictionary<string, List<Outcome>> o, int epochs)
    {
        double[] Acc(string run) => o[run].Select(r => (r.Accuracy ?? 0) * 100).ToArray();
        double[] Speed(string run) => o[run].Select(r => r.SamplesPerSecond).ToArray();
        double[] Ratio(double[] a, double[] b) => a.Zip(b, (x, y) => y > 0 ? x / y : double.NaN).ToArray();
        var sync = "sync 1f1b";
        var recovered = $"decoupled {epochs - 1} + sync 1";
        var istTime = o["ist n=2 R=20"].Zip(o["dp n=2"], (i, d) => i.ToTarget is { } a && d.ToTarget is { } b && b > TimeSpan.Zero ? a / b : double.NaN).ToArray();
        return
        [
            Claim.AtLeast("async m=2 / sync samples/s (ratio)", SeedStatistics.MeanInterval(Ratio(Speed("async m=2"), Speed(sync))), 1.15, "F2"),
            Claim.AtLeast("async m=2 - sync accuracy (points)", SeedStatistics.PairedDifference(Acc("async m=2"), Acc(sync)), -1.0, "F2"),
            Claim.AtLeast("async m=4 2bw / sync samples/s (ratio)", SeedStatistics.MeanInterval(Ratio(Speed("async m=4 2bw"), Speed(sync))), 1.15, "F2"),
            Claim.AtLeast("async m=4 2bw - sync accuracy (points)", SeedStatistics.PairedDifference(Acc("async m=4 2bw"), Acc(sync)), -1.0, "F2"),
            Claim.AtLeast("decoupled + recovery - sync accuracy (points)", SeedStatistics.PairedDifference(Acc(recovered), Acc(sync)), -1.0, "F2"),
            Claim.AtLeast("decoupled / sync samples/s (ratio)", SeedStatistics.MeanInterval(Ratio(Speed("decoupled"), Speed(sync))), 1.3, "F2"),
            istTime.Any(double.IsNaN)
                ? Claim.NotMeasured("ist / dp time to 85% (ratio)", "<= 0.70", "a run did not reach 85%")
                : Claim.AtMost("ist / dp time to 85% (ratio)", SeedStatistics.MeanInterval(istTime), 0.7, "F2"),
        ];
    }

    private sealed record Claim(string Name, SeedStatistics.Interval? Interval, string Target, string Verdict, string Format)
    {
        public static Claim AtLeast(string name, SeedStatistics.Interval i, double bound, string format) =>
            new(name, i, ">= " + bound.ToString(format, CultureInfo.InvariantCulture), i.AtLeast(bound) ? "met" : i.AtMost(bound) ? "not met" : "undecided", format);

        public static Claim AtMost(string name, SeedStatistics.Interval i, double bound, string format) =>
            new(name, i, "<= " + bound.ToString(format, CultureInfo.InvariantCulture), i.AtMost(bound) ? "met" : i.AtLeast(bound) ? "not met" : "undecided", format);

        public static Claim NotMeasured(string name, string target, string why) => new(name, null, target, why, "F2");

        public string Describe() => Interval is { } i
            ? FormattableString.Invariant($"{i.Mean.ToString(Format, CultureInfo.InvariantCulture)} [{i.Low.ToString(Format, CultureInfo.InvariantCulture)}, {i.High.ToString(Format, CultureInfo.InvariantCulture)}]")
            : "-";

        public JsonObject ToJson() => new()
        {
            ["claim"] = Name,
            ["mean"] = Interval is { } i ? Math.Round(i.Mean, 4) : null,
            ["low-95"] = Interval is { } l ? Math.Round(l.Low, 4) : null,
            ["high-95"] = Interval is { } h ? Math.Round(h.High, 4) : null,
            ["target"] = Target,
            ["verdict"] = Verdict,
        };
    }
}
