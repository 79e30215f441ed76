using ActorTrain.Config.Settings;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;
using Serilog;

namespace ActorTrain.Training.Policy;

/// <summary>
/// Training whose mode the supervisor chooses as it goes: in segments of one epoch (or `policy.check-every-steps`
/// steps), each continuing from the previous segment's checkpoint (every parameter and the optimizer state carried
/// over, mid-epoch included), and after each segment <see cref="SwitchPolicy"/> decides, from what it measured and
/// the evaluation that ends it, the mode of the next.
/// </summary>
public static class PolicyRunner
{
    /// <param name="stepsPerEpoch">Mini-batches in one epoch; with `policy.check-every-steps` = N > 0 the policy decides
    /// after every N steps (each segment ends with an evaluation), otherwise after every epoch.</param>
    public static async Task<TrainingResult> RunAsync(PolicySettings policy, TrainingMode start, TrainingOptions options, int stepsPerEpoch,
        ModePlanRunner.RunMode runMode, ITrainingObserver observer, ILogger log, TimeProvider clock)
    {
        if (options.RunDirectory is null)
            throw new ArgumentException("policy switching hands the model from segment to segment through checkpoints, so it needs a run directory");
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);

        var meter = new EpochMeter(clock);
        var watched = new CompositeObserver(observer, meter);
        var history = new List<EpochObservation>();
        var segment = policy.CheckEverySteps > 0 ? policy.CheckEverySteps : stepsPerEpoch;
        var total = (long)stepsPerEpoch * options.Epochs;
        var (mode, resume, samples, elapsed, done) = (start, options.ResumeFrom, 0L, TimeSpan.Zero, 0L);
        TrainingResult? last = null;
        while (done < total)
        {
            var name = EnumNames.Of(mode);
            var began = clock.GetTimestamp();
            var until = Math.Min(total, done + segment);
            last = await runMode(mode, options with { Mode = name, MaxSteps = until, ResumeFrom = resume }, watched).ConfigureAwait(false);
            history.Add(meter.Take(name, last.TestAccuracy, clock.GetElapsedTime(began).TotalMilliseconds));
            (resume, samples, elapsed, done) = (last.CheckpointDirectory, samples + last.Samples, elapsed + last.Elapsed, Math.Max(until, last.Steps));
            if (last.Interrupted) break;

            if (done >= total || SwitchPolicy.Decide(policy, mode, history) is not { } decision) continue;
            var epoch = (int)(done / stepsPerEpoch);
            observer.OnModeSwitch(new ModeSwitch(last.Steps, epoch, name, EnumNames.Of(decision.Mode), decision.Reason, clock.GetTimestamp()));
            log.Information("Policy switches from {From} to {To} at step {Step}: {Reason}", name, EnumNames.Of(decision.Mode), last.Steps, decision.Reason);
            mode = decision.Mode;
        }
        return last! with { Samples = samples, Elapsed = elapsed };
    }
}
