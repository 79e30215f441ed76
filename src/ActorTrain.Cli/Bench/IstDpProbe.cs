using System.Globalization;
using ActorTrain.Cli.Commands;
using ActorTrain.Cli.Training;
using ActorTrain.Cluster.Links;
using ActorTrain.Data.Datasets;
using ActorTrain.Training.DataParallel;
using Serilog;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// One clustered run of ist-mlp on two worker processes over loopback, every process's Gloo sends paced to one
/// bandwidth: IST (the parameter server on this process, a subnet worker per worker process) or dp (a replica per
/// worker, gradients all-reduced). Samples/s after the first step (an IST step is a round), the bytes every process put
/// on the wire, the run's wall time and the test accuracy it ends with.
/// </summary>
internal static class IstDpProbe
{
    public const int BatchSize = 128;
    public const int LocalSteps = 10;

    public sealed record Outcome(string Mode, string Bandwidth, double SamplesPerSecond, long Samples, long Steps, long GlooBytes, double Seconds,
        double? TestAccuracy)
    {
        public double BytesPerSample => Samples > 0 ? (double)GlooBytes / Samples : 0;
    }

    public static Outcome Measure(string mode, (string Label, string Value) bandwidth, Dataset data, int epochs, string root, ILogger log,
        Action<string> progress)
    {
        var name = $"{mode}-{bandwidth.Label.Replace(" ", "", StringComparison.Ordinal).Replace("/", "-", StringComparison.Ordinal)}";
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "bench-ist-dp.conf");
        File.WriteAllText(file, Config(mode, bandwidth.Value, data, epochs, dir));
        var (config, settings) = SettingsInput.Load(file, []);
        progress($"{name}: two worker processes, {epochs} epoch(s) of {data.Train.Count:N0} samples, Gloo sends paced to {bandwidth.Label}");

        var throughput = new StepThroughput(1, TimeProvider.System);
        var runDir = Path.Combine(dir, "run");
        Directory.CreateDirectory(runDir);
        var options = OptionsMapping.Training(settings, data, runDirectory: runDir, resumeFrom: null);
        var result = WorkerCluster.Run(file, config, settings, options, data, throughput, log, progress);
        // A dp worker's traffic counts the tensors it all-reduced; on the wire a ring all-reduce sends 2 (p - 1) / p of them from each rank.
        var bytes = mode == DataParallelRun.Mode
            ? result.Traffic.Sum(t => LinkPacing.AllReduceBytes(t.BytesSent, settings.Cluster.Workers))
            : result.Traffic.Sum(t => t.BytesSent);
        var outcome = new Outcome(mode, bandwidth.Label, throughput.SamplesPerSecond, result.Run.Samples, result.Run.Steps, bytes,
            result.Run.Elapsed.TotalSeconds, result.Run.TestAccuracy);
        progress(FormattableString.Invariant(
            $"{name}: {outcome.SamplesPerSecond:N0} samples/s, {bytes / 1e6:N1} MB over Gloo, {outcome.Seconds:F1} s, test accuracy {outcome.TestAccuracy:P2}"));
        return outcome;
    }

    /// <summary>One file for the driver (this process) and both workers; link-bandwidth is node-local, so each paces its own sends.</summary>
    private static string Config(string mode, string bandwidth, Dataset data, int epochs, string dir) => string.Create(CultureInfo.InvariantCulture, $$"""
        actortrain {
          run { name = "bench-ist-dp", mode = {{mode}}, epochs = {{epochs}}, checkpoint-every = 0, eval-every-epoch = on, output-dir = "{{dir}}" }
          model.preset = ist-mlp
          data {
            dataset = {{data.Name}}
            batch-size = {{BatchSize}}
            train-limit = {{data.Train.Count}}
            test-limit = {{data.Test.Count}}
            synthetic { train-size = {{data.Train.Count}}, test-size = {{data.Test.Count}} }
          }
          pipeline.threads-per-stage = 1
          optimizer { type = sgd, lr = 0.05, momentum = 0.9 }
          dp.replicas = 2
          ist { workers = 2, local-steps = {{LocalSteps}}, optimizer-state = reset, bn-eval = batch }
          logging { level = warning, file = off }
          cluster { enabled = on, workers = 2, hostname = "127.0.0.1", port = {{FreePort.Next()}}, store-port = {{FreePort.Next()}}, link-bandwidth = "{{bandwidth}}" }
        }
        """);
}
