using ActorTrain.Config.Settings;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using Serilog;

namespace ActorTrain.Training.Runs;

/// <summary>
/// Runs a mode plan such as 5 epochs decoupled, then 1 epoch sync. Each entry continues from the previous entry's
/// final checkpoint, so every parameter is carried across the switch exactly and the switch falls on a drained
/// epoch boundary; the optimizer state is kept or reset as the entry says. Epoch counts add up across entries.
/// </summary>
public static class ModePlanRunner
{
    /// <summary>Runs one mode until <see cref="TrainingOptions.Epochs"/> epochs are done in total, reporting to
    /// <paramref name="observer"/>; must leave a final checkpoint.</summary>
    public delegate Task<TrainingResult> RunMode(TrainingMode mode, TrainingOptions options, ITrainingObserver observer);

    public static async Task<TrainingResult> RunAsync(IReadOnlyList<ModePlanEntry> plan, TrainingOptions options, RunMode runMode,
        ITrainingObserver observer, ILogger log, TimeProvider clock)
    {
        if (plan.Count == 0) throw new ArgumentException("actortrain.mode-plan is empty", nameof(plan));
        if (plan.Count > 1 && options.RunDirectory is null)
            throw new ArgumentException("a mode plan hands the model from one mode to the next through checkpoints, so it needs a run directory");

        TrainingResult? last = null;
        var (epochs, samples, elapsed, resume) = (0, 0L, TimeSpan.Zero, options.ResumeFrom);
        for (var i = 0; i < plan.Count; i++)
        {
            var entry = plan[i];
            var mode = EnumNames.Of(entry.Mode);
            if (last is not null)
            {
                var from = EnumNames.Of(plan[i - 1].Mode);
                var reason = $"mode plan entry {i + 1} of {plan.Count}";
                observer.OnModeSwitch(new ModeSwitch(last.Steps, epochs, from, mode, reason, clock.GetTimestamp()));
                log.Information("Switching from {From} to {To} after epoch {Epoch} ({Reason}); optimizer state: {OptimizerState}, lr {LearningRate}",
                    from, mode, epochs, reason, EnumNames.Of(entry.OptimizerState), entry.LearningRate ?? options.Optimizer.LearningRate);
            }
            epochs += entry.Epochs;
            last = await runMode(entry.Mode, options with
            {
                Mode = mode,
                Epochs = epochs,
                ResumeFrom = resume,
                ResumeOptimizerState = last is null ? options.ResumeOptimizerState : entry.OptimizerState == OptimizerStatePolicy.Keep,
                Optimizer = entry.LearningRate is { } lr ? options.Optimizer with { LearningRate = lr } : options.Optimizer,
            }, observer).ConfigureAwait(false);
            samples += last.Samples;
            elapsed += last.Elapsed;
            resume = last.CheckpointDirectory;
            if (last.Interrupted) break;
            if (resume is null && i < plan.Count - 1)
                throw new InvalidOperationException($"mode {mode} left no checkpoint for the next plan entry to continue from");
        }
        return last! with { Samples = samples, Elapsed = elapsed };
    }
}
