using ActorTrain.Cluster;
using ActorTrain.Config;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using Serilog;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// One clustered run for a bench: this process is the driver, and two `actortrain node` workers start from the same
/// configuration file (same keys, same fingerprint) over loopback. Failures carry the workers' output; the workers are
/// stopped (the driver leaves the cluster) or killed before this returns.
/// </summary>
internal static class WorkerCluster
{
    private static readonly TimeSpan WorkerExit = TimeSpan.FromSeconds(30);

    public static ClusterRunResult Run(string file, HoconConfig config, ActorTrainSettings settings, TrainingOptions options, Dataset data,
        ITrainingObserver observer, ILogger log, Action<string> progress)
    {
        var system = TrainingActorSystem.Create(ClusterAkkaConfig.SystemName,
            ClusterAkkaConfig.For(settings.Cluster, driver: true) + "\nakka { loglevel = OFF, stdout-loglevel = OFF }");
        var workers = new List<SelfProcess>();
        try
        {
            var run = ClusterTraining.DriveAsync(system, settings.Cluster, options, settings.Ist, data, ConfigIdentity.Of(config), observer, log,
                nodeLoss: NodeLossSettings.Of(settings.Recovery, settings.Faults));
            for (var w = 0; w < settings.Cluster.Workers; w++) workers.Add(SelfProcess.Start("node", "--config", file));
            try
            {
                return run.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"the clustered run failed: {e.Message}\n{string.Join("\n", workers.Select(w => w.Output))}", e);
            }
        }
        finally
        {
            // Leaving the cluster tells the workers the driver is gone after the run: they exit 0.
            system.Terminate().Wait(WorkerExit);
            foreach (var w in workers)
            {
                try
                {
                    w.WaitForExit(WorkerExit);
                }
                catch (TimeoutException e)
                {
                    progress(e.Message);
                }
                w.Dispose();
            }
        }
    }
}
