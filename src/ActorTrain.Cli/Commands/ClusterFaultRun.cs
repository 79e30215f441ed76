using ActorTrain.Cli.Training;
using ActorTrain.Cluster;
using ActorTrain.Config;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Faults;
using ActorTrain.Training.Options;

namespace ActorTrain.Cli.Commands;

/// <summary>
/// The faulted run of `actortrain faults` on a clustered configuration: this process is the cluster's driver, as under
/// `train`, and waits for the workers the user starts (`actortrain node` with the same configuration). The driver
/// reports to the recorder the faults it injects (node and storage faults) or finds (a hang, a crash or NaN that failed
/// a stage) and the re-placements that answer them, which become the experiment's rows; message faults are injected
/// and healed inside the workers.
/// </summary>
internal static class ClusterFaultRun
{
    public static FaultRun Train(ActorTrainSettings settings, HoconConfig config, TrainingOptions options, Dataset dataset, string runDirectory,
        Action<string> say)
    {
        if (ClusterTraining.Unsupported(options, settings) is { } unsupported) throw new UsageException(unsupported);
        Directory.CreateDirectory(runDirectory);
        using var logging = new RunLogging(settings.Logging, runDirectory);
        Serilog.Log.Logger = logging.Logger;
        var recorder = new FaultRecorder();
        var system = ProcessActorSystem.Start(ClusterAkkaConfig.For(settings.Cluster, driver: true) + "\n" + settings.AkkaHocon);
        try
        {
            say($"Waiting up to {settings.Cluster.JoinTimeout.TotalSeconds:F0} s at {settings.Cluster.Hostname}:{settings.Cluster.Port} for " +
                $"{settings.Cluster.Workers} worker(s): start each with `actortrain node` and this command's --config and --set (--plan as --set faults.plan=...)");
            var run = ClusterTraining.DrivePlanAsync(system, settings, options with { RunDirectory = runDirectory }, dataset, ConfigIdentity.Of(config),
                recorder, logging.Logger, CancellationToken.None, NodeLossSettings.Of(settings.Recovery, settings.Faults)).GetAwaiter().GetResult();
            foreach (var recovery in run.Recoveries) say(recovery);
            return new FaultRun(runDirectory, run.Run, recorder, WeightDigest.Of(runDirectory));
        }
        finally
        {
            ProcessActorSystem.Release();
        }
    }
}
