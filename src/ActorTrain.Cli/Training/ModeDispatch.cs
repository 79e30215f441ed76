using ActorTrain.Actors;
using ActorTrain.Cli.Commands;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Decoupled;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Supervision;
using Serilog;

namespace ActorTrain.Cli.Training;

/// <summary>
/// Runs the configured mode plan. sync and decoupled share one checkpoint format, so a plan may switch between them
/// (each entry continues from the previous one's final checkpoint); ist and dp keep no checkpoints yet, so they run
/// as a plan's only entry and cannot be resumed; the async pipeline is not available yet. <see cref="Check"/> refuses
/// all of that before any work starts.
/// </summary>
internal static class ModeDispatch
{
    public static void Check(ActorTrainSettings settings, bool resuming)
    {
        var plan = settings.EffectivePlan;
        foreach (var entry in plan)
        {
            var mode = EnumNames.Of(entry.Mode);
            if (entry.Mode == TrainingMode.Async)
                throw new UsageException("mode 'async' (pipeline without flush) is not available yet; use sync, decoupled, ist or dp.");
            if (entry.Mode is TrainingMode.Ist or TrainingMode.Dp && plan.Count > 1)
                throw new UsageException($"mode '{mode}' keeps no checkpoints yet, so it cannot share a mode-plan with other entries; run it alone.");
            if (entry.Mode is TrainingMode.Ist or TrainingMode.Dp && resuming)
                throw new UsageException($"mode '{mode}' keeps no checkpoints yet, so --resume does not apply to it.");
        }
    }

    public static Task<TrainingResult> RunAsync(ActorTrainSettings settings, TrainingOptions options, Dataset data, ITrainingObserver observer,
        ILogger log, TimeProvider clock, CancellationToken cancel, IMailboxObserver? mailboxes) =>
        ModePlanRunner.RunAsync(settings.EffectivePlan, options, (mode, o) => mode switch
        {
            TrainingMode.Decoupled => DecoupledRun.RunAsync(o, settings.Decoupled, data, observer, log, clock, cancel),
            TrainingMode.Ist => IstRun.RunAsync(o, settings.Ist, data, observer, log, clock, cancel),
            TrainingMode.Dp => DataParallelRun.RunAsync(o, settings.Dp, data, observer, log, clock, cancel),
            _ => TrainingRun.RunAsync(o, data, observer, log, clock, cancel, mailboxes),
        }, observer, log, clock);

    /// <summary>Settings as `train` would read them: reference.conf overlaid with <paramref name="sets"/> (for benches).</summary>
    public static ActorTrainSettings Settings(params string[] sets) => SettingsInput.Load(null, sets).Settings;
}
