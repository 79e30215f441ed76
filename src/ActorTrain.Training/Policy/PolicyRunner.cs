using ActorTrain.Config.Settings;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Supervision;
using Serilog;

namespace ActorTrain.Training.Policy;

/// <summary>
/// Training whose mode the supervisor chooses as it goes: one epoch at a time, each continuing from the previous
/// epoch's checkpoint (every parameter and the optimizer state carried over), and after each epoch
/// <see cref="SwitchPolicy"/> decides, from what that epoch measured, the mode of the next.
/// </summary>
public static class PolicyRunner
{
    public static async Task<TrainingResult> RunAsync(PolicySettings policy, TrainingMode start, TrainingOptions options,
        ModePlanRunner.RunMode runMode, ITrainingObserver observer, ILogger log, TimeProvider clock)
    {
        if (options.RunDirectory is null)
            throw new ArgumentException("policy switching hands the model from epoch to epoch through checkpoints, so it needs a run directory");

        var meter = new EpochMeter(clock);
        var watched = new CompositeObserver(observer, meter);
        var history = new List<EpochObservation>();
        var (mode, resume, samples, elapsed) = (start, options.ResumeFrom, 0L, TimeSpan.Zero);
        TrainingResult? last = null;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            var name = EnumNames.Of(mode);
            var began = clock.GetTimestamp();
            last = await runMode(mode, options with { Mode = name, Epochs = epoch + 1, ResumeFrom = resume }, watched).ConfigureAwait(false);
            history.Add(meter.Take(name, last.TestAccuracy, clock.GetElapsedTime(began).TotalMilliseconds));
            (resume, samples, elapsed) = (last.CheckpointDirectory, samples + last.Samples, elapsed + last.Elapsed);

            if (epoch == options.Epochs - 1 || SwitchPolicy.Decide(policy, mode, history) is not { } decision) continue;
            observer.OnModeSwitch(new ModeSwitch(last.Steps, epoch + 1, name, EnumNames.Of(decision.Mode), decision.Reason, clock.GetTimestamp()));
            log.Information("Policy switches from {From} to {To} after epoch {Epoch}: {Reason}", name, EnumNames.Of(decision.Mode), epoch + 1, decision.Reason);
            mode = decision.Mode;
        }
        return last! with { Samples = samples, Elapsed = elapsed };
    }
}
