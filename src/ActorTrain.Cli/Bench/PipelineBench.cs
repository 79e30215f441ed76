using System.Globalization;
using ActorTrain.Cli.Training;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Profiling;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.PipelineParallel;
using ActorTrain.Training.Runs;
using Serilog;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// `actortrain bench pipeline`: mlp6 (batch 128) trained as one stage with 2 libtorch threads, then as 2 stages with one
/// thread each under gpipe and 1f1b for m = 1, 2, 4, 8, and without flush (async) for m = 2, 4 and, with one step per
/// mini-batch (2bw), m = 4, all in one invocation.
/// Prints samples/s after a warm-up, the measured bubble share next to the schedule's (p-1)/(m+p-1) (none without
/// flush), and the best pipeline's ratio to the single stage, with and without flush. Last, the cost of recovery: 1f1b
/// m = 4 with in-memory snapshots every 50 steps (and the watchdog and finite checks they come with) against the same
/// run without, three times each, interleaved (the best of each kept), over 100 measured steps so that two snapshots fall in the measured window; and
/// the same for async m = 4, whose snapshot steps also drain the pipeline.
/// </summary>
internal sealed class PipelineBench : IBench
{
    private const int BatchSize = 128;
    private const string NoFlush = "async";
    /// <summary>Without flush, one step per mini-batch (async.update = mini-batch, PipeDream-2BW).</summary>
    private const string NoFlush2Bw = "async 2bw";
    private const int SnapshotMicroBatches = 4;
    private const int SnapshotRounds = 3;

    public string Name => "pipeline";
    public string Summary => "mlp6 samples/s: 1 stage x 2 threads vs 2 stages x 1 thread, gpipe and 1f1b (m = 1, 2, 4, 8), async (m = 2, 4) and async 2bw (m = 4)";

    public BenchReport Run(BenchOptions options, Action<string> progress)
    {
        options.RefuseSets(Name);
        var report = new BenchReport(Name);
        var (warmup, measured) = options.Quick ? (2, 4) : (10, 60);
        var (snapshotEvery, snapshotMeasured) = options.Quick ? (2, 4) : (50, 100);
        var data = BenchData.Load((warmup + Math.Max(measured, snapshotMeasured)) * BatchSize, 256, report, progress);
        var log = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(new ProgressSink(progress)).CreateLogger();

        var configs = new List<(string Name, int Stages, int Threads, string Schedule, int Micro)> { ("1 stage", 1, 2, "gpipe", 1) };
        foreach (var schedule in new[] { "gpipe", "1f1b" })
            foreach (var m in options.Quick ? new[] { 1, 4 } : new[] { 1, 2, 4, 8 })
                configs.Add(($"2 stages {schedule}", 2, 1, schedule, m));
        foreach (var m in new[] { 2, 4 })
            configs.Add(("2 stages async", 2, 1, NoFlush, m));
        configs.Add(("2 stages async 2bw", 2, 1, NoFlush2Bw, 4));

        var rows = new List<IReadOnlyList<string>>();
        var results = new System.Text.Json.Nodes.JsonArray();
        double single = 0, best = 0, bestAsync = 0;
        string bestName = "", bestAsyncName = "";
        foreach (var c in configs)
        {
            var (rate, figures) = Measure(data, c.Stages, c.Threads, c.Schedule, c.Micro, warmup, measured, log);
            progress($"{c.Name}, m = {c.Micro}: {rate:N0} samples/s");
            if (c.Stages == 1) single = rate;
            else if (IsAsync(c.Schedule)) { if (rate > bestAsync) (bestAsync, bestAsyncName) = (rate, $"{c.Schedule} m={c.Micro}"); }
            else if (rate > best) (best, bestName) = (rate, $"{c.Schedule} m={c.Micro}");
            rows.Add([c.Name, c.Micro.ToString(CultureInfo.InvariantCulture), c.Threads.ToString(CultureInfo.InvariantCulture),
                rate.ToString("N0", CultureInfo.InvariantCulture), Share(figures.MeasuredBubbleShare), Share(figures.TheoreticalBubbleShare),
                single > 0 ? (rate / single).ToString("F2", CultureInfo.InvariantCulture) : "-"]);
            results.Add(new System.Text.Json.Nodes.JsonObject
            {
                ["stages"] = c.Stages, ["threads-per-stage"] = c.Threads, ["schedule"] = c.Schedule, ["micro-batches"] = c.Micro,
                ["samples-per-s"] = Math.Round(rate, 1),
                ["measured-bubble-share"] = figures.MeasuredBubbleShare is { } mb ? Math.Round(mb, 4) : null,
                ["theoretical-bubble-share"] = figures.TheoreticalBubbleShare is { } tb ? Math.Round(tb, 4) : null,
                ["ratio-to-single-stage"] = single > 0 ? Math.Round(rate / single, 3) : null,
            });
        }

        var (off, on, copy) = SnapshotCost(data, "1f1b", snapshotEvery, warmup, snapshotMeasured, log, progress);
        // Without flush a snapshot step waits for the pipeline to drain: a bubble every snapshot-every steps on top of the copy.
        var (asyncOff, asyncOn, _) = SnapshotCost(data, NoFlush, snapshotEvery, warmup, snapshotMeasured, log, progress);
        foreach (var (name, rate) in new[]
                 {
                     ("2 stages 1f1b, snapshots off", off), ($"2 stages 1f1b, snapshot every {snapshotEvery}", on),
                     ("2 stages async, snapshots off", asyncOff), ($"2 stages async, snapshot every {snapshotEvery}", asyncOn),
                 })
            rows.Add([name, SnapshotMicroBatches.ToString(CultureInfo.InvariantCulture), "1", rate.ToString("N0", CultureInfo.InvariantCulture), "-", "-",
                single > 0 ? (rate / single).ToString("F2", CultureInfo.InvariantCulture) : "-"]);
        var overhead = off > 0 ? 1 - on / off : 0;
        var asyncOverhead = asyncOff > 0 ? 1 - asyncOn / asyncOff : 0;
        // The same cost from the snapshot spans themselves: one copy (slowest stage) per snapshot-every steps.
        var estimate = off > 0 ? copy.TotalSeconds / (snapshotEvery * BatchSize / off) : 0;
        report.Json["snapshot-every"] = snapshotEvery;
        report.Json["snapshot-measured-steps"] = snapshotMeasured;
        report.Json["snapshots-off-samples-per-s"] = Math.Round(off, 1);
        report.Json["snapshots-on-samples-per-s"] = Math.Round(on, 1);
        report.Json["snapshot-overhead-ratio"] = Math.Round(overhead, 4);
        report.Json["snapshot-copy-ms"] = Math.Round(copy.TotalMilliseconds, 2);
        report.Json["snapshot-overhead-estimate-ratio"] = Math.Round(estimate, 4);
        report.Json["async-snapshots-off-samples-per-s"] = Math.Round(asyncOff, 1);
        report.Json["async-snapshots-on-samples-per-s"] = Math.Round(asyncOn, 1);
        report.Json["async-snapshot-overhead-ratio"] = Math.Round(asyncOverhead, 4);

        report.Tables.Add(new BenchTable($"mlp6, batch {BatchSize}, {data.Name}, {measured} measured steps after {warmup} warm-up",
            ["run", "m", "threads/stage", "samples/s", "bubble (measured)", "bubble (theory)", "vs 1 stage"], rows));
        report.Json["dataset"] = data.Name;
        report.Json["batch-size"] = BatchSize;
        report.Json["measured-steps"] = measured;
        report.Json["runs"] = results;
        report.Json["single-stage-samples-per-s"] = Math.Round(single, 1);
        report.Json["best-pipeline"] = bestName;
        report.Json["best-pipeline-samples-per-s"] = Math.Round(best, 1);
        report.Json["best-pipeline-ratio"] = single > 0 ? Math.Round(best / single, 3) : null;
        report.Json["best-async-pipeline"] = bestAsyncName;
        report.Json["best-async-pipeline-ratio"] = single > 0 ? Math.Round(bestAsync / single, 3) : null;
        report.Notes.Add(FormattableString.Invariant($"best 2-stage pipeline ({bestName}): {best / single:F2} x the single stage (target >= 1.0)"));
        report.Notes.Add(FormattableString.Invariant($"best 2-stage pipeline without flush ({bestAsyncName}): {bestAsync / single:F2} x the single stage"));
        report.Notes.Add(FormattableString.Invariant(
            $"in-memory snapshots every {snapshotEvery} steps (1f1b m={SnapshotMicroBatches}, {snapshotMeasured} measured steps, best of {SnapshotRounds} runs each): samples/s {overhead:P1} lower than without (target <= 3%; negative: faster, i.e. noise)"));
        report.Notes.Add(FormattableString.Invariant(
            $"the same without flush (async m={SnapshotMicroBatches}; each snapshot step waits for the pipeline to drain): samples/s {asyncOverhead:P1} lower than without"));
        report.Notes.Add(FormattableString.Invariant(
            $"one snapshot takes {copy.TotalMilliseconds:F1} ms on the slowest stage: {estimate:P2} of the time of {snapshotEvery} steps without snapshots"));
        return report;
    }

    /// <summary>
    /// Samples/s of <paramref name="schedule"/> without and with snapshots, the best of <see cref="SnapshotRounds"/> runs
    /// each taken in turn: on a shared machine a run is only ever slowed by others, so the best is the least disturbed,
    /// and taking turns lets drift in the load fall on both.
    /// </summary>
    private static (double Off, double On, TimeSpan Copy) SnapshotCost(Dataset data, string schedule, int every, int warmup, int measured, ILogger log, Action<string> progress)
    {
        double off = 0, on = 0;
        var timer = new SnapshotTimer();
        for (var i = 0; i < SnapshotRounds; i++)
        {
            off = Math.Max(off, Measure(data, 2, 1, schedule, SnapshotMicroBatches, warmup, measured, log).Rate);
            on = Math.Max(on, Measure(data, 2, 1, schedule, SnapshotMicroBatches, warmup, measured, log, every, timer).Rate);
        }
        var copy = timer.SlowestStageMean(TimeProvider.System.TimestampFrequency);
        progress($"{schedule} m = {SnapshotMicroBatches}: {off:N0} samples/s without snapshots, {on:N0} with one every {every} steps ({copy.TotalMilliseconds:F1} ms each)");
        return (off, on, copy);
    }

    private static (double Rate, ProfileFigures Figures) Measure(Dataset data, int stages, int threads, string schedule, int micro,
        int warmup, int measured, ILogger log, int snapshotEvery = 0, ITrainingObserver? also = null)
    {
        var clock = TimeProvider.System;
        var options = new TrainingOptions
        {
            Model = ModelPresets.Build(new ModelSettings(ModelPreset.Mlp6, []), data.Rows, data.Columns, data.ClassCount),
            Pipeline = new PipelineOptions(stages, "balance", stages == 1 ? [6] : [3, 3], micro, IsAsync(schedule) ? "1f1b" : schedule, null, threads),
            Mode = IsAsync(schedule) ? "async" : "sync",
            Async = new AsyncOptions(StepEachMiniBatch: schedule == NoFlush2Bw),
            Optimizer = new OptimizerOptions(LearningRate: 0.01),
            Epochs = 1,
            MaxSteps = warmup + measured,
            BatchSize = BatchSize,
            EvaluateEachEpoch = false,
            Recovery = new RecoveryOptions(SnapshotEvery: snapshotEvery),
        };
        var throughput = new StepThroughput(warmup, clock);
        var profiler = new Profiler(clock);
        TrainingRun.RunAsync(options, data, new CompositeObserver(also is null ? [throughput, profiler] : [throughput, profiler, also]), log, clock, default,
            new RunEnvironment(ProcessActorSystem.Current, new LinkFactory([profiler]))).GetAwaiter().GetResult();
        return (throughput.SamplesPerSecond, profiler.Figures());
    }

    private static bool IsAsync(string schedule) => schedule is NoFlush or NoFlush2Bw;

    private static string Share(double? share) => share is { } s ? s.ToString("P1", CultureInfo.InvariantCulture) : "-";
}
