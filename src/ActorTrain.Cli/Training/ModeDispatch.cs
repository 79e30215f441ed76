using ActorTrain.Actors;
using ActorTrain.Cli.Commands;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Decoupled;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Policy;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Supervision;
using Serilog;

namespace ActorTrain.Cli.Training;

/// <summary>
/// Runs the configured mode plan, or lets the switching policy choose the mode epoch by epoch. sync, async and decoupled share one checkpoint format, so a plan may switch between them
/// (each entry continues from the previous one's final checkpoint); ist and dp keep no checkpoints yet, so they run
/// as a plan's only entry and cannot be resumed; <see cref="Check"/> refuses
/// all of that before any work starts.
/// </summary>
internal static class ModeDispatch
{
    public static void Check(ActorTrainSettings settings, bool resuming)
    {
        var plan = settings.EffectivePlan;
        if (settings.Policy.Enabled)
        {
            if (plan.Count > 1)
                throw new UsageException("policy.enabled = on chooses the modes itself: give run.mode and run.epochs, and mode-plan = [].");
            if (plan[0].Mode is not (TrainingMode.Sync or TrainingMode.Decoupled))
                throw new UsageException($"policy switching moves between sync and decoupled; run.mode = {EnumNames.Of(plan[0].Mode)} cannot take part.");
        }
        foreach (var entry in plan)
        {
            var mode = EnumNames.Of(entry.Mode);
            if (entry.Mode is TrainingMode.Ist or TrainingMode.Dp && plan.Count > 1)
                throw new UsageException($"mode '{mode}' keeps no checkpoints yet, so it cannot share a mode-plan with other entries; run it alone.");
            if (entry.Mode is TrainingMode.Ist or TrainingMode.Dp && resuming)
                throw new UsageException($"mode '{mode}' keeps no checkpoints yet, so --resume does not apply to it.");
        }
    }

    public static Task<TrainingResult> RunAsync(ActorTrainSettings settings, TrainingOptions options, Dataset data, ITrainingObserver observer,
        ILogger log, TimeProvider clock, CancellationToken cancel, IMailboxObserver? mailboxes)
    {
        ModePlanRunner.RunMode run = (mode, o, watch) => mode switch
        {
            TrainingMode.Decoupled => DecoupledRun.RunAsync(o, settings.Decoupled, data, watch, log, clock, cancel),
            TrainingMode.Ist => IstRun.RunAsync(o, settings.Ist, data, watch, log, clock, cancel),
            TrainingMode.Dp => DataParallelRun.RunAsync(o, settings.Dp, data, watch, log, clock, cancel),
            _ => TrainingRun.RunAsync(o, data, watch, log, clock, cancel, mailboxes),
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
