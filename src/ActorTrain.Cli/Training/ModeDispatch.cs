using ActorTrain.Cli.Commands;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Decoupled;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.PipelineParallel;
using ActorTrain.Training.Policy;
using ActorTrain.Training.Runs;
using Serilog;

namespace ActorTrain.Cli.Training;

/// <summary>
/// Runs the configured mode plan, or lets the switching policy choose the mode epoch by epoch. sync, async, decoupled,
/// ist and dp share one checkpoint format (ist and dp write the whole model as a one-stage pipeline would, and every mode reads
/// a checkpoint of any cut), so a plan may switch between any of them, each entry continuing from the previous one's
/// final checkpoint, and --resume continues any of them; the policy switches only between sync and decoupled.
/// <see cref="Check"/> refuses anything else, and <see cref="CheckRequirements"/> what a mode of the plan needs and does not
/// have, before any work starts.
/// </summary>
internal static class ModeDispatch
{
    public static void Check(ActorTrainSettings settings)
    {
        CheckFaultPlan(settings);
        var plan = settings.EffectivePlan;
        if (settings.Policy.Enabled)
        {
            if (plan.Count > 1)
                throw new UsageException("actortrain.policy.enabled = on chooses the modes itself: give actortrain.run.mode and " +
                    "actortrain.run.epochs, and actortrain.mode-plan = [].");
            if (plan[0].Mode is not (TrainingMode.Sync or TrainingMode.Decoupled))
                throw new UsageException(
                    $"policy switching moves between sync and decoupled; actortrain.run.mode = {EnumNames.Of(plan[0].Mode)} cannot take part.");
        }
    }

    /// <summary>
    /// Link, stage and checkpoint faults are injected at the seams of the in-process pipelines; in a clustered sync or
    /// async run, message faults on the workers' links and node faults (kill-node, leave-node) by the driver: a plan that
    /// the run would silently ignore is refused, so an experiment never reports a fault-free run as one that survived its faults.
    /// </summary>
    private static void CheckFaultPlan(ActorTrainSettings settings)
    {
        if (settings.Faults.Plan.Count == 0) return;
        if (settings.Cluster.Enabled)
        {
            CheckClusteredFaultPlan(settings);
            return;
        }
        if (settings.Faults.Plan.FirstOrDefault(f => f.Kind.IsNodeFault()) is { } node)
            throw new UsageException($"actortrain.faults.plan: {EnumNames.Of(node.Kind)} acts on a worker process of a clustered run " +
                                     "(actortrain.cluster.enabled = on); this run has one process. Remove it or run clustered.");
        // The policy may switch a sync run to decoupled.
        IEnumerable<TrainingMode> modes = settings.Policy.Enabled ? [TrainingMode.Sync, TrainingMode.Decoupled] : settings.EffectivePlan.Select(e => e.Mode);
        var ignoring = modes.Where(m => m is not (TrainingMode.Sync or TrainingMode.Async)).Distinct().ToList();
        if (ignoring.Count > 0)
            throw new UsageException($"actortrain.faults.plan: faults are injected in the sync and async pipelines only; " +
                                     $"{string.Join(" and ", ignoring.Select(EnumNames.Of))} would run without them. Empty the plan or train sync or async.");
        if (settings.Faults.Plan.FirstOrDefault(f => Math.Max(f.From, f.To) >= settings.Pipeline.Stages) is { } outside)
            throw new UsageException($"the fault plan names {(outside.Kind.IsStageFault() ? outside.Where : $"link {outside.Link}")}, but actortrain.pipeline.stages = {settings.Pipeline.Stages} has no such {(outside.Kind.IsStageFault() ? "stage" : "link")}.");
    }

    /// <summary>A clustered run takes every kind of fault, in a sync or async pipeline, on a stage the pipeline has.</summary>
    private static void CheckClusteredFaultPlan(ActorTrainSettings settings)
    {
        // Between processes the link protocol heals message faults as in one process, the workers inject crash, nan,
        // straggler and hang (a failed stage restarts, a hung one's worker is fenced under recovery.on-node-loss =
        // re-place), and the driver injects node faults and storage faults (at its checkpoint commit).
        var ignoring = settings.EffectivePlan.Select(e => e.Mode).Where(m => m is not (TrainingMode.Sync or TrainingMode.Async)).Distinct().ToList();
        if (ignoring.Count > 0)
            throw new UsageException($"actortrain.faults.plan: node faults are injected in clustered sync and async pipelines; " +
                                     $"{string.Join(" and ", ignoring.Select(EnumNames.Of))} would run without them. Empty the plan or train sync or async.");
        if (settings.Faults.Plan.FirstOrDefault(f => Math.Max(f.From, f.To) >= settings.Pipeline.Stages) is { } outside)
            throw new UsageException($"actortrain.faults.plan names {(outside.Kind.IsLinkFault() ? $"link {outside.Link}" : outside.Where)}, but " +
                                     $"actortrain.pipeline.stages = {settings.Pipeline.Stages} has no such {(outside.Kind.IsLinkFault() ? "link" : "stage")}.");
    }

    /// <summary>Refuses, listing each, the modes of the plan that cannot run on this model, data and settings.</summary>
    public static void CheckRequirements(ActorTrainSettings settings, TrainingOptions options, Dataset data)
    {
        var problems = ModeRequirements.Problems(settings, options, data.Train.Count);
        if (problems.Count > 0)
            throw new UsageException(string.Join(Environment.NewLine, problems.Prepend(problems.Count == 1 ? "a mode cannot run:" : "modes cannot run:")));
    }

    public static Task<TrainingResult> RunAsync(ActorTrainSettings settings, TrainingOptions options, Dataset data, ITrainingObserver observer,
        ILogger log, TimeProvider clock, CancellationToken cancel, RunEnvironment environment)
    {
        ModePlanRunner.RunMode run = (mode, o, watch) => mode switch
        {
            TrainingMode.Decoupled => DecoupledRun.RunAsync(o, settings.Decoupled, data, watch, log, clock, cancel, environment),
            TrainingMode.Ist => IstRun.RunAsync(o, settings.Ist, data, watch, log, clock, cancel, environment),
            TrainingMode.Dp => DataParallelRun.RunAsync(o, settings.Dp, data, watch, log, clock, cancel, environment),
            _ => TrainingRun.RunAsync(o, data, watch, log, clock, cancel, environment),
        };
        return settings.Policy.Enabled
            ? PolicyRunner.RunAsync(settings.Policy, settings.EffectivePlan[0].Mode, options, StepsPerEpoch(data, options), run, observer, log, clock)
            : ModePlanRunner.RunAsync(settings.EffectivePlan, options, run, observer, log, clock);
    }

    private static int StepsPerEpoch(Dataset data, TrainingOptions options) =>
        new BatchLoader(data.Train, data.Normalization, new BatchLoaderOptions { BatchSize = options.BatchSize }).BatchesPerEpoch;

    /// <summary>Settings as `train` would read them: reference.conf overlaid with <paramref name="sets"/> (for benches).</summary>
    public static ActorTrainSettings Settings(params string[] sets) => SettingsInput.Load(null, sets).Settings;
}
