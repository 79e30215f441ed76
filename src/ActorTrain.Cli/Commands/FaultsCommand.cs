using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrain.Cli.Training;
using ActorTrain.Config.Settings;
using ActorTrain.Data;
using ActorTrain.Data.Datasets;
using ActorTrain.Faults;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Model;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Cli.Commands;

/// <summary>
/// `actortrain faults`: the fault-injection experiment. It trains the configured pipeline twice with the same seed,
/// without faults and with the plan of `actortrain.faults`, and reports each fault injected (what detected it, how it
/// healed) and whether both runs ended with bit-identical weights.
/// </summary>
internal sealed class FaultsCommand : ICommand
{
    public string Name => "faults";
    public string Summary => "run a fault plan against the fault-free baseline: every fault, its detection and recovery, identical weights or not";

    public string Help =>
        "usage: actortrain faults --config FILE [--plan PLAN] [--baseline DIR] [--set key=value ...] [--json]\n" +
        "       actortrain faults --digest DIR\n\n" +
        "Trains the configured pipeline (run.mode sync or async) twice with the same seed: the baseline without faults, then\n" +
        "with the faults of actortrain.faults.plan injected: message faults on the links (drop, delay, duplicate, reorder,\n" +
        "corrupt), healed by resending, and stage faults (crash, hang, straggler, nan; recovery.snapshot-every > 0),\n" +
        "healed by rolling every stage back to the last in-memory snapshot and replaying, and storage faults\n" +
        "(checkpoint-write-fail, kill-during-checkpoint), after which the previous committed checkpoint stays the newest.\n" +
        "Prints one row per injected fault (kind, where, step and micro-batch, what detected it and how soon, the recovery,\n" +
        "steps replayed, time lost), then whether the final weights are identical (SHA-256 over every tensor of both final\n" +
        "checkpoints), both test accuracies and wall times.\n" +
        "Identical weights are promised for both. Where the pipeline cut would be measured (partition = profiled, or auto\n" +
        "in async) it is measured once and both runs take that cut (with --baseline, the baseline checkpoint's).\n" +
        "Both runs go to actortrain.run.output-dir/<run.name>-faults-TIMESTAMP/{baseline,faulted}. hocon/faults-local.conf\n" +
        "has a plan with every in-process fault; --set run.max-steps=N trains a slice.\n\n" +
        "With actortrain.cluster.enabled = on the faulted run is clustered: this process is the driver and waits for the\n" +
        "workers you start (actortrain node --config FILE, with the same --set options and the plan as --set faults.plan=...),\n" +
        "as train does; it also takes node faults (kill-node, leave-node) and needs recovery.on-node-loss = re-place for\n" +
        "them and for crash, nan and hang. The baseline then trains in this one process, after the faulted run: a clustered\n" +
        "sync or async run ends with exactly the weights of the same configuration in one process, which is what makes it\n" +
        "a valid baseline. Rows come from the driver: node, hang, crash, nan and storage faults; message faults are\n" +
        "injected and healed inside the workers (the driver's log says what the link protocol healed).\n\n" +
        "options:\n" +
        "  --config FILE   HOCON file overlaid on the reference configuration\n" +
        "  --plan PLAN     the fault plan instead of actortrain.faults.plan: a HOCON array, inline or in a file,\n" +
        "                  e.g. '[{ kind = drop, link = \"0->1\", step = 3, micro-batch = 1 }]'\n" +
        "  --baseline DIR  take the baseline's final weights from the committed checkpoint in DIR (a run or checkpoint\n" +
        "                  directory of an earlier fault-free run of the same model, seed and steps) instead of training it\n" +
        "  --set k=v       override one key (repeatable; applied last)\n" +
        "  --json          print one JSON document (identical-weights, faults, accuracies, wall times) instead of tables\n" +
        "  --digest DIR    only print the SHA-256 the experiment compares (every tensor) of the committed checkpoint in DIR\n" +
        "                  (a run or checkpoint directory), e.g. to compare a clustered run with one process\n\n" +
        "exit codes: 0 the weights are identical, 1 they differ or a run failed, 2 bad configuration or input.\n";

    public int Run(string[] args)
    {
        var a = new ArgReader(args, ["--config", "--set", "--plan", "--baseline", "--digest"], ["--json"]);
        if (a.Positional.Count > 0) throw new UsageException($"unexpected argument '{a.Positional[0]}'.");
        if (a.Value("--digest") is { } digestOf) return PrintDigest(digestOf);
        var sets = new List<string>();
        if (a.Value("--plan") is { } plan) sets.Add("faults.plan=" + (File.Exists(plan) ? File.ReadAllText(plan) : plan));
        sets.AddRange(a.Values("--set"));
        var (config, settings) = SettingsInput.Load(a.Value("--config"), sets);
        ModeDispatch.Check(settings);
        if (settings.Faults.Plan.Count == 0)
            throw new UsageException("the fault plan is empty: give actortrain.faults.plan in the configuration, or --plan.");
        CheckRecoverable(settings);
        RunPreflight.CheckRunName(settings.Run.Name);
        RunPreflight.CheckWritable($"run.output-dir = {settings.Run.OutputDir}", settings.Run.OutputDir);

        var dataset = OptionsMapping.LoadDataset(settings.Data);
        var options = OptionsMapping.TrainingOrRefuse(settings, dataset, resumeFrom: null);
        ModeDispatch.CheckRequirements(settings, options, dataset);
        if (a.Value("--baseline") is not null && settings.EffectivePlan.Count > 1)
            throw new UsageException("--baseline compares with one run of one mode: give a configuration without a mode plan, or leave --baseline out.");
        var (given, givenCut) = a.Value("--baseline") is { } baselineDir ? BaselineCheckpoint.Take(baselineDir, options) : default;
        // Both runs cut the model alike: a profiled cut measured twice can differ, and then so would the weights.
        options = PinnedPartition.Pin(options, settings.EffectivePlan.Any(e => e.Mode == TrainingMode.Async), givenCut);

        var root = Path.GetFullPath(Path.Combine(settings.Run.OutputDir,
            $"{settings.Run.Name}-faults-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}"));
        var quiet = settings with { Logging = settings.Logging with { Console = false } };
        // One process without faults: for a clustered configuration that is the valid baseline, as clustered runs are bit-identical to it.
        var fresh = quiet with { Faults = settings.Faults with { Plan = [] }, Cluster = settings.Cluster with { Enabled = false } };
        void Say(string line)
        {
            if (!a.Flag("--json")) Console.Out.WriteLine(line);
        }
        try
        {
            FaultRun? faulted = null;
            // Clustered, the faulted run goes first: the workers the user starts for it must not wait out their join timeout behind the baseline.
            if (settings.Cluster.Enabled)
            {
                Say($"Faulted run ({settings.Faults.Plan.Count} plan entries) as the cluster driver in {Path.Combine(root, "faulted")} ...");
                faulted = ClusterFaultRun.Train(quiet, config, options, dataset, Path.Combine(root, "faulted"), Say);
            }
            ProcessActorSystem.Start(settings.AkkaHocon);
            try
            {
                Say(given is null ? $"Baseline (no faults, one process) in {Path.Combine(root, "baseline")} ..." : $"Baseline taken from {given.Directory}");
                var baseline = given ?? Train(fresh, options, dataset, Path.Combine(root, "baseline"));
                if (faulted is null) Say($"Faulted run ({settings.Faults.Plan.Count} plan entries) in {Path.Combine(root, "faulted")} ...");
                faulted ??= Train(quiet, options, dataset, Path.Combine(root, "faulted"));
                var experiment = new FaultExperiment(baseline, faulted,
                    FaultOutcomes.Explain(faulted.Recorder.Faults, faulted.Recorder.LinkEvents, faulted.Recorder.Recoveries, System.Diagnostics.Stopwatch.Frequency));
                if (a.Flag("--json")) Console.Out.WriteLine(experiment.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                else experiment.Print();
                return experiment.IdenticalWeights ? ExitCodes.Ok : ExitCodes.Failure;
            }
            finally
            {
                ProcessActorSystem.Release();
            }
        }
        catch (Exception e) when (e is not UsageException)
        {
            Console.Error.WriteLine($"actortrain faults: a run failed: {TrainingFailure.Describe(e)} (logs under {root})");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// Stage faults other than a straggler are recovered by rollback in one process (sync or async with snapshots), and by
    /// re-placement across processes, as node faults are; without it the faulted run would only stop.
    /// </summary>
    private static void CheckRecoverable(ActorTrainSettings settings)
    {
        if (settings.Cluster.Enabled)
        {
            if (settings.Faults.Plan.FirstOrDefault(f => f.Kind.IsNodeFault() || f.Kind.IsStageFault() && f.Kind != FaultKind.Straggler) is { } fault &&
                settings.Recovery.OnNodeLoss != NodeLossPolicy.RePlace)
                throw new UsageException($"the fault plan has a {EnumNames.Of(fault.Kind)} of {fault.Where}: a clustered run recovers it by placing the stages again, which needs actortrain.recovery.on-node-loss = re-place.");
            return;
        }
        if (settings.Faults.Plan.FirstOrDefault(f => f.Kind.IsStageFault() && f.Kind != FaultKind.Straggler) is { } stageFault &&
            (settings.Recovery.SnapshotEvery == 0 || settings.EffectivePlan.Any(e => e.Mode is not (TrainingMode.Sync or TrainingMode.Async))))
            throw new UsageException($"the fault plan has a {EnumNames.Of(stageFault.Kind)} of {stageFault.Where}: stage faults are recovered by rollback, which needs actortrain.run.mode = sync or async and actortrain.recovery.snapshot-every > 0.");
    }

    private static FaultRun Train(ActorTrainSettings settings, TrainingOptions options, Dataset dataset, string runDirectory)
    {
        Directory.CreateDirectory(runDirectory);
        using var logging = new RunLogging(settings.Logging, runDirectory);
        Serilog.Log.Logger = logging.Logger;
        var recorder = new FaultRecorder();
        var environment = new RunEnvironment(ProcessActorSystem.Current, RunLinks.Create(settings, profiler: null, recorder),
            StorageFaultInjector.For(settings.Faults, ICheckpointCommit.Direct, recorder));
        var result = ModeDispatch.RunAsync(settings, options with { RunDirectory = runDirectory }, dataset, recorder, logging.Logger, TimeProvider.System,
            CancellationToken.None, environment).GetAwaiter().GetResult();
        return new FaultRun(runDirectory, result, recorder, WeightDigest.Of(runDirectory));
    }

    /// <summary>The digest a fault experiment compares, of a committed and intact checkpoint only (as --baseline takes it).</summary>
    private static int PrintDigest(string path)
    {
        string directory;
        try
        {
            directory = CheckpointDirectory.Resolve(path);
            CheckpointDirectory.Verify(directory, CheckpointManifest.Read(directory));
        }
        catch (CheckpointException e)
        {
            throw new UsageException($"--digest {path}: {e.Message}");
        }
        Console.Out.WriteLine($"{WeightDigest.Of(directory)}  {directory}");
        return ExitCodes.Ok;
    }
}
