using ActorTrain.Actors;
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
/// Runs the one training mode a configuration asks for. Plans that switch between modes while training, and the
/// async pipeline, are not available yet: <see cref="Check"/> refuses them before any work starts.
/// </summary>
internal static class ModeDispatch
{
    public static TrainingMode Check(ActorTrainSettings settings)
    {
        var plan = settings.EffectivePlan;
        if (plan.Count > 1)
            throw new UsageException(
                $"mode-plan lists {plan.Count} modes; switching modes while training is not available yet. Use one entry, or run.mode with mode-plan = [].");
        var mode = plan[0].Mode;
        if (mode == TrainingMode.Async)
            throw new UsageException("mode 'async' (pipeline without flush) is not available yet; use sync, decoupled, ist or dp.");
        return mode;
    }

    public static Task<TrainingResult> RunAsync(ActorTrainSettings settings, TrainingOptions options, Dataset data, ITrainingObserver observer,
        ILogger log, TimeProvider clock, CancellationToken cancel, IMailboxObserver? mailboxes) => Check(settings) switch
    {
        TrainingMode.Decoupled => DecoupledRun.RunAsync(options, settings.Decoupled, data, observer, log, clock, cancel),
        TrainingMode.Ist => IstRun.RunAsync(options, settings.Ist, data, observer, log, clock, cancel),
        TrainingMode.Dp => DataParallelRun.RunAsync(options, settings.Dp, data, observer, log, clock, cancel),
        _ => TrainingRun.RunAsync(options, data, observer, log, clock, cancel, mailboxes),
    };
}
