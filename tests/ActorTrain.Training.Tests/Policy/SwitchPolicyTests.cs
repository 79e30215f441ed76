using ActorTrain.Config.Settings;
using ActorTrain.Training.Policy;

namespace ActorTrain.Training.Tests.Policy;

public class SwitchPolicyTests
{
    private static readonly PolicySettings On = new(Enabled: true, CheckEverySteps: 0, WaitShareThreshold: 0.5, SwitchOnStraggler: true, FlatEvaluations: 3);

    private static EpochObservation Sync(double wait = 0.1, params double[] computeMs) =>
        new("sync", 0.8, wait, computeMs.Length == 0 ? [100, 110] : computeMs);

    private static IReadOnlyList<EpochObservation> Decoupled(params double[] accuracies) =>
        accuracies.Select(a => new EpochObservation("decoupled", a, 0, [100, 100])).ToList();

    [Fact]
    public void A_straggling_stage_switches_sync_to_decoupled_naming_the_stage()
    {
        var decision = SwitchPolicy.Decide(On, TrainingMode.Sync, [Sync(0.1, 100, 300)]);

        Assert.Equal(TrainingMode.Decoupled, decision?.Mode);
        Assert.Contains("stage 1 is a straggler", decision!.Reason);
        Assert.Contains("3.0x", decision.Reason);
    }

    [Fact]
    public void Stages_within_the_straggler_factor_keep_sync()
    {
        Assert.Null(SwitchPolicy.Decide(On, TrainingMode.Sync, [Sync(0.1, 100, 140)]));
    }

    [Fact]
    public void Stragglers_are_ignored_when_the_rule_is_off()
    {
        Assert.Null(SwitchPolicy.Decide(On with { SwitchOnStraggler = false }, TrainingMode.Sync, [Sync(0.1, 100, 300)]));
    }

    [Fact]
    public void Waiting_more_than_the_threshold_switches_sync_to_decoupled()
    {
        var decision = SwitchPolicy.Decide(On, TrainingMode.Sync, [Sync(wait: 0.62)]);

        Assert.Equal(TrainingMode.Decoupled, decision?.Mode);
        Assert.Contains("waited 62%", decision!.Reason);
    }

    [Theory]
    [InlineData(new[] { 0.50, 0.60, 0.60, 0.59, 0.60 }, true)]
    [InlineData(new[] { 0.50, 0.60, 0.60, 0.59, 0.61 }, false)]
    [InlineData(new[] { 0.60, 0.60, 0.60 }, false)]
    [InlineData(new[] { 0.70, 0.60, 0.61, 0.65 }, true)]
    public void Decoupled_returns_to_sync_when_accuracy_is_flat_for_k_evaluations(double[] accuracies, bool switches)
    {
        var decision = SwitchPolicy.Decide(On, TrainingMode.Decoupled, Decoupled(accuracies));

        Assert.Equal(switches ? TrainingMode.Sync : null, decision?.Mode);
    }

    [Fact]
    public void Only_the_current_modes_evaluations_count_as_flat()
    {
        var history = new List<EpochObservation> { new("sync", 0.9, 0, [1, 1]) };
        history.AddRange(Decoupled(0.5, 0.6, 0.7));

        Assert.Null(SwitchPolicy.Decide(On, TrainingMode.Decoupled, history));
    }

    [Fact]
    public void A_disabled_policy_never_switches()
    {
        Assert.Null(SwitchPolicy.Decide(On with { Enabled = false }, TrainingMode.Sync, [Sync(0.9, 100, 900)]));
    }
}
