using System.Runtime.InteropServices;
using ActorTrain.Cli.Training;
using ActorTrain.Cluster;
using ActorTrain.Config.Settings;
using ActorTrain.Cluster.Node;
using ActorTrain.Faults;
using ActorTrain.Training.Observability;
using ActorTrain.Data.Datasets;
using ActorTrain.Data;
using ActorTrain.Training.Model;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;

namespace ActorTrain.Cli.Commands;

/// <summary>`actortrain node`: a cluster worker that hosts the stages a driver places on it.</summary>
internal sealed class NodeCommand : ICommand
{
    public string Name => "node";
    public string Summary => "a cluster worker: joins the driver (cluster.hostname:cluster.port) and hosts the stages it places here";

    public string Help =>
        "usage: actortrain node --config FILE [--set key=value ...]\n\n" +
        "Joins the Akka cluster whose seed node is the driver (`actortrain train` with the same configuration and\n" +
        "cluster.enabled = on), introduces itself with its ActorTrain version and configuration fingerprint, builds the\n" +
        "stages the driver places here from the same configuration (same seed, same weights), reads its own data and\n" +
        "trains them, exchanging activations and gradients with the other workers over Gloo. It serves one run and exits\n" +
        "when the driver leaves or is lost; SIGTERM or Ctrl-C leave the cluster gracefully. With\n" +
        "recovery.on-node-loss = re-place, a worker that joins after the stages were placed waits as a spare and takes\n" +
        "over the stages of a lost worker.\n\n" +
        "options:\n" +
        "  --config FILE   the run's HOCON file (the driver's must resolve to the same configuration)\n" +
        "  --set k=v       override one key (repeatable; the driver needs the same overrides)\n\n" +
        "exit codes: 0 served until the driver finished, 2 bad configuration or refused by the driver, 1 driver lost or\n" +
        "not found within cluster.join-timeout, 130/143 stopped by SIGINT/SIGTERM.\n";

    public int Run(string[] args)
    {
        var a = new ArgReader(args, ["--config", "--set"], []);
        if (a.Positional.Count > 0) throw new UsageException($"unexpected argument '{a.Positional[0]}'.");
        var (config, settings) = SettingsInput.Load(a.Value("--config"), a.Values("--set"));
        var dataset = OptionsMapping.LoadDataset(settings.Data);
        var options = OptionsMapping.TrainingOrRefuse(settings, dataset, resumeFrom: null);

        using var logging = new RunLogging(settings.Logging with { File = false }, Directory.GetCurrentDirectory());
        Serilog.Log.Logger = logging.Logger;
        using var stop = new CancellationTokenSource();
        PosixSignal? received = null;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            received ??= context.Signal;
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        var system = ProcessActorSystem.Start(ClusterAkkaConfig.For(settings.Cluster, driver: false) + "\n" + settings.AkkaHocon);
        try
        {
            // Message faults of the plan are injected on this worker's links (each worker injects on the links it sends on).
            var marks = new FaultMarks();
            var recorder = settings.Faults.Plan.Count > 0 ? new FaultRecorder(marks) : null;
            var injector = RunLinks.Injector(settings, recorder);
            var links = new WorkerLinks(RunLinks.Create(settings, profiler: null, injector), (ITrainingObserver?)recorder ?? NullTrainingObserver.Instance,
                CheckFinite: settings.Recovery.OnNodeLoss == NodeLossPolicy.RePlace)
            {
                MarkFaultsFired = fired => injector?.MarkFired(fired),
                Marks = marks,
            };
            var exit = ClusterTraining.ServeAsync(system, settings.Cluster, options, settings.Decoupled, settings.Ist, dataset, ConfigIdentity.Of(config), links,
                logging.Logger, stop.Token)
                .GetAwaiter().GetResult();
            if (recorder is { Faults.Count: > 0 })
                logging.Logger.Information("Injected {Count} message fault(s) on this worker's links: {Faults:l}", recorder.Faults.Count,
                    string.Join(", ", recorder.Faults.GroupBy(f => f.Kind).Select(g => $"{g.Count()} {g.Key}")));
            if (received is { } signal) return InterruptSignals.ExitCodeOf(signal);
            if (exit.Code != ExitCodes.Ok) Console.Error.WriteLine($"actortrain node: {exit.Reason}");
            return exit.Code;
        }
        finally
        {
            // Terminating runs Akka's coordinated shutdown: this node leaves the cluster before the process exits.
            Task.WaitAny(Task.Run(ProcessActorSystem.Release), Task.Delay(TimeSpan.FromSeconds(10)));
        }
    }
}
