using ActorTrain.Config.Settings;

namespace ActorTrain.Training.Policy;

/// <summary>
/// The supervisor's switching rules, as a pure function of what the epochs so far showed:
/// from sync to decoupled when stages spent more than `policy.wait-share-threshold` of their time waiting on
/// neighbours, or (with `policy.switch-on-straggler`) when one stage's compute took at least
/// <see cref="StragglerFactor"/> times the mean of the others; from decoupled back to sync when test accuracy has
/// not improved for `policy.flat-evaluations` evaluations in a row.
/// </summary>
internal static class SwitchPolicy
{
    public const double StragglerFactor = 1.5;

    /// <returns>The mode for the next epoch and why, or null to stay.</returns>
    public static SwitchDecision? Decide(PolicySettings policy, TrainingMode current, IReadOnlyList<EpochObservation> history)
    {
        if (!policy.Enabled || history.Count == 0) return null;
        var last = history[^1];
        return current switch
        {
            TrainingMode.Sync when last.WaitShare > policy.WaitShareThreshold => new(TrainingMode.Decoupled,
                FormattableString.Invariant($"stages waited {last.WaitShare * 100:F0}% of the time (threshold {policy.WaitShareThreshold * 100:F0}%)")),
            TrainingMode.Sync when policy.SwitchOnStraggler && Straggler(last.StageComputeMs) is { } s => new(TrainingMode.Decoupled,
                FormattableString.Invariant($"stage {s.Stage} is a straggler: {s.Ms:F0} ms of compute, {s.Factor:F1}x the others")),
            TrainingMode.Decoupled when AccuracyFlat(history, policy.FlatEvaluations) => new(TrainingMode.Sync,
                $"test accuracy has not improved for {policy.FlatEvaluations} evaluations"),
            _ => null,
        };
    }

    /// <summary>The slowest stage, if it took at least <see cref="StragglerFactor"/> times the mean of the other stages.</summary>
    public static (int Stage, double Ms, double Factor)? Straggler(IReadOnlyList<double> stageComputeMs)
    {
        if (stageComputeMs.Count < 2) return null;
        var slowest = 0;
        for (var k = 1; k < stageComputeMs.Count; k++)
            if (stageComputeMs[k] > stageComputeMs[slowest]) slowest = k;
        var others = stageComputeMs.Where((_, k) => k != slowest).Average();
        if (others <= 0) return null;
        var factor = stageComputeMs[slowest] / others;
        return factor >= StragglerFactor ? (slowest, stageComputeMs[slowest], factor) : null;
    }

    /// <summary>
    /// True when the last <paramref name="evaluations"/> accuracies (all of them in the current mode) are none of them
    /// better than the best accuracy before them.
    /// </summary>
    public static bool AccuracyFlat(IReadOnlyList<EpochObservation> history, int evaluations)
    {
        if (evaluations < 1) return false;
        var mode = history[^1].Mode;
        var run = history.Reverse().TakeWhile(o => o.Mode == mode).Reverse().Select(o => o.Accuracy).OfType<double>().ToList();
        if (run.Count <= evaluations) return false;
        var before = run.Take(run.Count - evaluations).Max();
        return run.Skip(run.Count - evaluations).All(a => a <= before);
    }
}
