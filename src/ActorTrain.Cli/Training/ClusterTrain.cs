using System.Globalization;
using ActorTrain.Cli.Commands;
using ActorTrain.Cluster;
using ActorTrain.Config.Settings;
using ActorTrain.Config;
using ActorTrain.Data.Datasets;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;

namespace ActorTrain.Cli.Training;

/// <summary>
/// `actortrain train` with cluster.enabled: this process is the driver (the cluster's seed node and the run's
/// supervisor); the stages run in `actortrain node` workers. Exit codes: 0 trained, 2 a worker refused (another version
/// or configuration) or a setting clustered runs do not support, 1 join timeout or a worker lost (unless
/// recovery.on-node-loss = re-place placed its stages again: then one line per recovery is printed), 130/143 SIGINT/SIGTERM
/// drained the run to a checkpoint (the workers stop with it). With --profile the driver writes one profile for the whole
/// cluster (see <see cref="ClusterProfile"/>), also when a worker was lost.
/// </summary>
internal static class ClusterTrain
{
    /// <summary>How long a failed driver waits for its actor system to leave the cluster before it exits anyway.</summary>
    private static readonly TimeSpan FailedShutdownWait = TimeSpan.FromSeconds(3);

    /// <summary>Who a traffic entry counts: a worker, or in ist the driver itself (the parameter server, the group's last rank).</summary>
    private static string Sender(int rank, ClusterSettings cluster) => rank < cluster.Workers ? $"Worker {rank}" : "The driver (parameter server)";

    public static int Run(ActorTrainSettings settings, HoconConfig config, TrainingOptions options, Dataset dataset, RunLogging logging, string runDirectory,
        string resumeCommand, string? profileDir = null)
    {
        if (ClusterTraining.Unsupported(options, settings) is { } unsupported) throw new UsageException(unsupported);
        var log = logging.Logger;
        Serilog.Log.Logger = log;
        var system = ProcessActorSystem.Start(ClusterAkkaConfig.For(settings.Cluster, driver: true) + "\n" + settings.AkkaHocon);
        var ok = false;
        var profile = profileDir is null ? null : new ClusterProfile(profileDir, runDirectory, log);
        using var interrupt = new CancellationTokenSource();
        using var signals = new InterruptSignals(interrupt, settings.Run.InterruptTimeout, message => log.Warning("{Interrupt}", message), code =>
        {
            logging.Dispose();
            Environment.Exit(code);
        });
        try
        {
            var run = ClusterTraining.DrivePlanAsync(system, settings, options, dataset, ConfigIdentity.Of(config),
                profile?.Observer ?? NullTrainingObserver.Instance, log, interrupt.Token, NodeLossSettings.Of(settings.Recovery, settings.Faults),
                profile?.Nodes).GetAwaiter().GetResult();
            var (result, traffic) = run;
            profile?.Write(succeeded: true, failure: null);
            // Plain output: paths must reach a terminal or a script whole, never wrapped.
            Console.Out.WriteLine(FormattableString.Invariant(
                $"{result.Steps} steps, {result.Samples:N0} samples in {result.Elapsed.TotalSeconds:F1} s on {settings.Cluster.Workers} worker(s); last train loss {result.LastTrainLoss:F4}; final test accuracy {(result.TestAccuracy is { } acc ? acc.ToString("P2", CultureInfo.InvariantCulture) : "n/a")}"));
            // A dp worker's Gloo calls are all-reduces: the bytes are those of the tensors it reduced.
            var (moved, calls) = options.Mode == DataParallelRun.Mode ? ("all-reduced", "all-reduces") : ("sent", "sends");
            foreach (var t in traffic)
                Console.Out.WriteLine(FormattableString.Invariant(
                    $"{Sender(t.Rank, settings.Cluster)} {moved} {t.BytesSent / 1e6:F1} MB over Gloo in {t.Sends} {calls}, {t.SendTime.TotalSeconds:F2} s in them"));
            foreach (var recovery in run.Recoveries) Console.Out.WriteLine(recovery);
            Console.Out.WriteLine($"Run directory: {runDirectory}");
            if (result.CheckpointDirectory is { } ckpt) Console.Out.WriteLine($"Checkpoint: {ckpt}");
            ok = true;
            if (!result.Interrupted) return ExitCodes.Ok;
            if (result.CheckpointDirectory is not null)
            {
                Console.Out.WriteLine($"Interrupted after step {result.Steps}; resume with (and two `actortrain node` workers):");
                Console.Out.WriteLine(resumeCommand);
            }
            return signals.ExitCode;
        }
        catch (ClusterRefusedException e)
        {
            Console.Error.WriteLine($"actortrain train: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is ClusterJoinException or ClusterNodeLostException or ClusterCheckpointException)
        {
            // A lost node: what the others recorded is kept, and every missing part is named (a join timeout trained nothing).
            if (e is not ClusterJoinException) profile?.Write(succeeded: false, failure: e.Message);
            Console.Error.WriteLine($"actortrain train: {e.Message} (log: {Path.Combine(runDirectory, RunLogging.LogFileName)})");
            return ExitCodes.Failure;
        }
        finally
        {
            // Leaving the cluster waits for the members to agree; with one of them lost that can take long: bound it.
            if (ok) ProcessActorSystem.Release();
            else Task.WaitAny(Task.Run(ProcessActorSystem.Release), Task.Delay(FailedShutdownWait));
        }
    }
}
