using System.Diagnostics;
using System.Globalization;
using System.Text;
using ActorTrain.Config;
using ActorTrain.Config.Hocon;
using ActorTrain.Data;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// `actortrain bench data`: how fast the input side of training runs. Loads Fashion-MNIST (synthetic data of the same
/// shape where it is not installed) and times whole epochs of batch 128: shuffled (what training reads), in file order,
/// and gathered by index (what decoupled stages read); the loader must stay above 1 million samples/s so it never
/// limits training. Then times the HOCON reader on the embedded reference.conf, which every command parses at start.
/// </summary>
internal sealed class DataBench : IBench
{
    private const int BatchSize = 128;
    private const double TargetSamplesPerSecond = 1_000_000;

    public string Name => "data";
    public string Summary => "data loader throughput (batch 128, shuffled, Fashion-MNIST) and HOCON reader speed";

    public BenchReport Run(BenchOptions options, Action<string> progress)
    {
        options.RefuseSets(Name);
        var report = new BenchReport(Name);
        MeasureLoader(report, options.Quick, progress);
        MeasureHocon(report, options.Quick, progress);
        return report;
    }

    private static void MeasureLoader(BenchReport report, bool quick, Action<string> progress)
    {
        var epochs = quick ? 1 : 3;
        var clock = Stopwatch.StartNew();
        var limit = quick ? 10_000 : 0;
        var dataset = BenchData.Load(limit, limit, report, progress);
        var loadMs = clock.Elapsed.TotalMilliseconds;
        var train = dataset.Train;
        progress($"loaded {dataset.Name}: {train.Count} training samples of {train.FeatureCount} features in {loadMs:F0} ms");

        var shuffled = new BatchLoader(train, dataset.Normalization, new BatchLoaderOptions { BatchSize = BatchSize, Seed = 1 });
        var sequential = new BatchLoader(train, dataset.Normalization, new BatchLoaderOptions { BatchSize = BatchSize, Shuffle = false });
        var gatherOrder = RandomIndices(train.Count);
        // One untimed pass each, so every page of the split is mapped and the hot loop compiled before timing.
        ReadEpochs(shuffled, 0, 1);
        ReadEpochs(sequential, 0, 1);
        var samples = (long)train.Count * epochs;
        var rows = new List<(string Order, string Key, double Rate)>
        {
            ("shuffled", "shuffled", Rate(() => ReadEpochs(shuffled, 1, epochs), samples, progress, "shuffled")),
            ("file order", "sequential", Rate(() => ReadEpochs(sequential, 1, epochs), samples, progress, "file order")),
            ("gather by index", "gather", Rate(() => GatherEpochs(shuffled, gatherOrder, epochs), samples, progress, "gather by index")),
        };

        report.Json["dataset"] = dataset.Name;
        report.Json["train-samples"] = train.Count;
        report.Json["features"] = train.FeatureCount;
        report.Json["batch-size"] = BatchSize;
        report.Json["epochs"] = epochs;
        report.Json["load-ms"] = Math.Round(loadMs, 1);
        foreach (var (_, key, rate) in rows)
        {
            report.Json[$"{key}-samples-per-s"] = Math.Round(rate);
            report.Json[$"{key}-batch-ms"] = Math.Round(BatchSize / rate * 1000, 4);
        }
        report.Json["target-samples-per-s"] = TargetSamplesPerSecond;
        report.Json["shuffled-vs-target-ratio"] = Math.Round(rows[0].Rate / TargetSamplesPerSecond, 2);

        report.Tables.Add(new BenchTable(
            $"loader: {dataset.Name}, batch {BatchSize}, {epochs} epoch(s)",
            ["order", "samples/s", "ms/batch", "vs 1M/s target"],
            rows.Select(r => Row(r.Order, Number(r.Rate, "N0"), Number(BatchSize / r.Rate * 1000, "F4"), Number(r.Rate / TargetSamplesPerSecond, "F2") + "x")).ToList()));
        report.Notes.Add($"dataset loaded (decompressed and checked) in {loadMs:F0} ms");
    }

    private static void ReadEpochs(BatchLoader loader, int firstEpoch, int epochs)
    {
        var batch = loader.CreateBatch();
        for (var e = firstEpoch; e < firstEpoch + epochs; e++)
            for (var b = 0; b < loader.BatchesPerEpoch; b++) loader.Fill(e, b, batch);
    }

    /// <summary>Indices drawn with replacement before timing, so only the gather itself is measured.</summary>
    private static int[] RandomIndices(int count)
    {
        var random = new SeededRandom(7);
        var indices = new int[count];
        for (var i = 0; i < count; i++) indices[i] = random.NextInt(count);
        return indices;
    }

    private static void GatherEpochs(BatchLoader loader, int[] indices, int epochs)
    {
        var features = new float[BatchSize * loader.FeatureCount];
        var labels = new long[BatchSize];
        for (var e = 0; e < epochs; e++)
            for (var start = 0; start < indices.Length; start += BatchSize)
                loader.Gather(indices.AsSpan(start, Math.Min(BatchSize, indices.Length - start)), features, labels);
    }

    private static void MeasureHocon(BenchReport report, bool quick, Action<string> progress)
    {
        var text = ConfigLoader.ReferenceText;
        var bytes = Encoding.UTF8.GetByteCount(text);
        try
        {
            for (var i = 0; i < 5; i++) HoconReader.Parse(text, ConfigLoader.ReferenceOrigin);
            // Repeat for a fixed time rather than a fixed count: one parse is far below the clock's useful resolution.
            var budget = TimeSpan.FromMilliseconds(quick ? 100 : 1_000);
            var parses = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < budget)
            {
                HoconReader.Parse(text, ConfigLoader.ReferenceOrigin);
                parses++;
            }
            var parseMs = clock.Elapsed.TotalMilliseconds / parses;
            progress($"HOCON reference.conf: {parseMs:F3} ms per parse over {parses} parses");

            report.Json["hocon-bytes"] = bytes;
            report.Json["hocon-parses"] = parses;
            report.Json["hocon-parse-ms"] = Math.Round(parseMs, 4);
            report.Json["hocon-bytes-per-s"] = Math.Round(bytes / parseMs * 1000);
            report.Tables.Add(new BenchTable(
                $"HOCON: reference.conf, {bytes} B",
                ["parses", "ms/parse", "parses/s", "MB/s"],
                [Row(Number(parses, "N0"), Number(parseMs, "F3"), Number(1000 / parseMs, "N0"), Number(bytes / parseMs / 1000, "F1"))]));
        }
        catch (ConfigErrorException e)
        {
            report.Notes.Add($"HOCON reader not measured: reference.conf does not parse ({e.Message})");
        }
    }

    private static IReadOnlyList<string> Row(params string[] cells) => cells;

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static double Rate(Action work, long samples, Action<string> progress, string what)
    {
        var clock = Stopwatch.StartNew();
        work();
        var rate = samples / clock.Elapsed.TotalSeconds;
        progress($"{what}: {rate:N0} samples/s");
        return rate;
    }
}
