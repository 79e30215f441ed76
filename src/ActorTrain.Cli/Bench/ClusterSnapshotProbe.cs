using ActorTrain.Cli.Commands;
using ActorTrain.Cli.Training;
using ActorTrain.Data.Datasets;
using Serilog;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// What Gemini-style snapshots cost a clustered run: the 2-stage sync mlp6 pipeline on two worker processes, trained
/// the same steps with recovery.snapshot-every = 50 (each worker keeps its stages' copies and replicates them to the
/// other, on-node-loss = re-place) and without snapshots, back to back in one invocation; samples/s of both, their
/// ratio, and the time from dispatching a snapshot step until every stage's copy and replica were held (every
/// snapshot of every round).
/// </summary>
internal static class ClusterSnapshotProbe
{
    public const int Every = 50;

    public sealed record Outcome(double OffSamplesPerSecond, double OnSamplesPerSecond, IReadOnlyList<TimeSpan> Replicated)
    {
        public double Ratio => OffSamplesPerSecond > 0 ? OnSamplesPerSecond / OffSamplesPerSecond : 0;
    }

    /// <summary>
    /// Alternates runs without and with snapshots <paramref name="rounds"/> times and keeps the best of each: on this
    /// shared machine two identical runs differ by more than the 3% to be resolved.
    /// </summary>
    public static Outcome Measure(Dataset data, int warmup, int measured, int rounds, string root, ILogger log, Action<string> progress)
    {
        var (off, on) = (0.0, 0.0);
        var replicated = new List<TimeSpan>();
        for (var round = 0; round < rounds; round++)
        {
            off = Math.Max(off, Run($"snapshots-off-{round}", "", data, warmup, measured, root, log, progress).SamplesPerSecond);
            var with = Run($"snapshots-on-{round}", $"snapshot-every = {Every}, on-node-loss = re-place", data, warmup, measured, root, log, progress);
            on = Math.Max(on, with.SamplesPerSecond);
            replicated.AddRange(with.Replicated);
        }
        return new Outcome(off, on, replicated);
    }

    private static (double SamplesPerSecond, IReadOnlyList<TimeSpan> Replicated) Run(string name, string recovery, Dataset data, int warmup, int measured,
        string root, ILogger log, Action<string> progress)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "bench-cluster.conf");
        File.WriteAllText(file, ClusterPipelineProbe.Config("sync", 4, data, dir, recovery));
        var (config, settings) = SettingsInput.Load(file, []);
        var options = OptionsMapping.Training(settings, data, runDirectory: null, resumeFrom: null) with
        {
            MaxSteps = warmup + measured, EvaluateEachEpoch = false, RunDirectory = Path.Combine(dir, "cluster-run"),
        };
        Directory.CreateDirectory(options.RunDirectory!);
        progress($"{name}: on two worker processes, {warmup + measured} steps");
        var throughput = new StepThroughput(warmup, TimeProvider.System);
        var result = WorkerCluster.Run(file, config, settings, options, data, throughput, log, progress);
        progress(FormattableString.Invariant($"{name}: {throughput.SamplesPerSecond:N0} samples/s, {result.SnapshotsReplicated.Count} snapshot(s) replicated"));
        return (throughput.SamplesPerSecond, result.SnapshotsReplicated);
    }
}
