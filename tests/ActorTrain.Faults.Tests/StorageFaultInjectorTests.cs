using ActorTrain.Config.Settings;
using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Faults.Tests;

/// <summary>The storage fault injector around the checkpoint commit: it fails or kills at its steps only, and seals every other checkpoint.</summary>
public sealed class StorageFaultInjectorTests
{
    private static FaultSpec At(FaultKind kind, long step, int times = 1) => new(kind, -1, -1, [step], null, null, FaultSpec.DefaultHold, Times: times);

    private static (StorageFaultInjector Injector, FaultRecorder Recorder, List<string> Deaths) Inject(params FaultSpec[] plan)
    {
        var recorder = new FaultRecorder();
        var deaths = new List<string>();
        return (new StorageFaultInjector(new FaultSettings(1, plan), ICheckpointCommit.Direct, recorder, TimeProvider.System, deaths.Add), recorder, deaths);
    }

    [Fact]
    public void A_write_failure_throws_as_a_full_disk_at_its_step_without_sealing_and_seals_the_others()
    {
        var (injector, recorder, _) = Inject(At(FaultKind.CheckpointWriteFail, 4));
        var sealedSteps = new List<long>();

        injector.Commit(2, "step-2", () => sealedSteps.Add(2));
        var e = Assert.Throws<IOException>(() => injector.Commit(4, "step-4", () => sealedSteps.Add(4)));
        injector.Commit(6, "step-6", () => sealedSteps.Add(6));

        Assert.Contains("No space left on device", e.Message);
        Assert.Equal([2L, 6L], sealedSteps);
        var fault = Assert.Single(recorder.Faults);
        Assert.Equal((FaultKind.CheckpointWriteFail, 4L, "checkpoint"), (fault.Kind, fault.Step, fault.Where));
    }

    [Fact]
    public void A_write_failure_fires_at_most_times_times()
    {
        var (injector, _, _) = Inject(At(FaultKind.CheckpointWriteFail, 4, times: 2));

        Assert.Throws<IOException>(() => injector.Commit(4, "step-4", () => { }));
        Assert.Throws<IOException>(() => injector.Commit(4, "step-4", () => { }));
        var sealedAgain = false;
        injector.Commit(4, "step-4", () => sealedAgain = true);

        Assert.True(sealedAgain);
    }

    [Fact]
    public void A_kill_during_checkpoint_dies_before_the_manifest_is_sealed()
    {
        var (injector, _, deaths) = Inject(At(FaultKind.KillDuringCheckpoint, 4));
        var sealedCheckpoint = false;

        injector.Commit(4, "step-4", () => sealedCheckpoint = true);

        Assert.False(sealedCheckpoint);
        Assert.Contains("step 4", Assert.Single(deaths));
    }
}
