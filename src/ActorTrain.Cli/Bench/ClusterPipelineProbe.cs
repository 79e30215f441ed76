using System.Globalization;
using ActorTrain.Cli.Commands;
using ActorTrain.Cli.Training;
using ActorTrain.Data.Datasets;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.PipelineParallel;
using Serilog;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// The 2-stage mlp6 pipeline (batch 128, one libtorch thread per stage) trained for the same steps twice from one
/// configuration file: in this process, then with each stage in an `actortrain node` worker process and this process as
/// the driver, over loopback. Samples/s after a warm-up for both; for the clustered run also the Gloo bytes per step
/// and the share of the run each worker's stage threads spent in Gloo sends.
/// </summary>
internal static class ClusterPipelineProbe
{
    public const int BatchSize = 128;

    public sealed record Outcome(string Mode, int MicroBatches, double InProcessSamplesPerSecond, double ClusterSamplesPerSecond,
        long Steps, long BytesPerStep, IReadOnlyList<double> GlooSendShares)
    {
        public double Ratio => InProcessSamplesPerSecond > 0 ? ClusterSamplesPerSecond / InProcessSamplesPerSecond : 0;
    }

    public static Outcome Measure(string mode, int microBatches, Dataset data, int warmup, int measured, string root, ILogger log,
        Action<string> progress)
    {
        var name = $"{mode}-m{microBatches}";
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "bench-cluster.conf");
        File.WriteAllText(file, Config(mode, microBatches, data, dir));
        var (config, settings) = SettingsInput.Load(file, []);
        var steps = warmup + measured;

        progress($"{name}: in one process, {steps} steps");
        var local = new StepThroughput(warmup, TimeProvider.System);
        var options = OptionsMapping.Training(settings, data, runDirectory: null, resumeFrom: null) with { MaxSteps = steps, EvaluateEachEpoch = false };
        TrainingRun.RunAsync(options, data, local, log, TimeProvider.System, default,
            new RunEnvironment(ProcessActorSystem.Current, LinkFactory.InProcess)).GetAwaiter().GetResult();
        progress(FormattableString.Invariant($"{name}: in one process {local.SamplesPerSecond:N0} samples/s"));

        progress($"{name}: on two worker processes, {steps} steps");
        var clustered = new StepThroughput(warmup, TimeProvider.System);
        var runDir = Path.Combine(dir, "cluster-run");
        Directory.CreateDirectory(runDir);
        var result = WorkerCluster.Run(file, config, settings, options with { RunDirectory = runDir }, data, clustered, log, progress);
        var seconds = result.Run.Elapsed.TotalSeconds;
        var shares = result.Traffic.Select(t => seconds > 0 ? t.SendTime.TotalSeconds / seconds : 0).ToList();
        var bytesPerStep = result.Run.Steps > 0 ? result.Traffic.Sum(t => t.BytesSent) / result.Run.Steps : 0;
        progress(FormattableString.Invariant(
            $"{name}: on two workers {clustered.SamplesPerSecond:N0} samples/s, {bytesPerStep:N0} bytes/step over Gloo"));
        return new Outcome(mode, microBatches, local.SamplesPerSecond, clustered.SamplesPerSecond, result.Run.Steps, bytesPerStep, shares);
    }

    /// <summary>One file for the driver (this process) and both workers: same keys, same fingerprint; free ports; <paramref name="recovery"/>: the recovery block's keys.</summary>
    internal static string Config(string mode, int microBatches, Dataset data, string dir, string recovery = "") => string.Create(CultureInfo.InvariantCulture, $$"""
        actortrain {
          run { name = "bench-cluster", mode = {{mode}}, epochs = 1, checkpoint-every = 0, eval-every-epoch = off, output-dir = "{{dir}}" }
          model.preset = mlp6
          data {
            dataset = {{data.Name}}
            batch-size = {{BatchSize}}
            train-limit = {{data.Train.Count}}
            test-limit = {{data.Test.Count}}
            synthetic { train-size = {{data.Train.Count}}, test-size = {{data.Test.Count}} }
          }
          pipeline { stages = 2, partition = balance, balance = [3, 3], micro-batches = {{microBatches}}, schedule = 1f1b, threads-per-stage = 1 }
          optimizer { type = sgd, lr = 0.02, momentum = 0.9 }
          logging { level = warning, file = off }
          recovery { {{recovery}} }
          cluster { enabled = on, workers = 2, hostname = "127.0.0.1", port = {{FreePort.Next()}}, store-port = {{FreePort.Next()}} }
        }
        """);
}
