using ActorTrain.Config;
using ActorTrain.Config.Settings;

namespace ActorTrain.Faults.Tests;

/// <summary>Storage faults in `actortrain.faults.plan` and `recovery.on-checkpoint-failure`: they name a checkpoint's step and nothing else.</summary>
public sealed class StorageFaultPlanTests
{
    private static ActorTrainSettings Bind(params string[] sets) => SettingsBinder.Bind(ConfigLoader.Load(null, sets));

    [Fact]
    public void Storage_faults_name_the_step_of_their_checkpoint_and_no_link_or_stage()
    {
        var plan = Bind("""faults.plan=[{ kind = checkpoint-write-fail, step = 4 }, { kind = kill-during-checkpoint, steps = [6, 8] }]""").Faults.Plan;

        Assert.Equal((FaultKind.CheckpointWriteFail, -1, -1, "checkpoint"), (plan[0].Kind, plan[0].From, plan[0].To, plan[0].Where));
        Assert.Equal([4L], plan[0].Steps);
        Assert.Equal((FaultKind.KillDuringCheckpoint, "checkpoint"), (plan[1].Kind, plan[1].Where));
        Assert.Equal([6L, 8L], plan[1].Steps);
    }

    [Theory]
    [InlineData("""[{ kind = checkpoint-write-fail, link = "0->1", step = 4 }]""", "actortrain.faults.plan[0].link")]
    [InlineData("""[{ kind = kill-during-checkpoint, stage = 0, step = 4 }]""", "actortrain.faults.plan[0].stage")]
    [InlineData("""[{ kind = checkpoint-write-fail, rate = 0.5 }]""", "actortrain.faults.plan[0].rate")]
    [InlineData("""[{ kind = checkpoint-write-fail }]""", "actortrain.faults.plan[0].step")]
    public void A_wrong_storage_fault_is_refused_naming_its_key(string plan, string key) =>
        Assert.Contains(key, Assert.Throws<ConfigValidationException>(() => Bind($"faults.plan={plan}")).Errors.Select(e => e.ToString()).Single());

    [Fact]
    public void A_failed_checkpoint_warns_by_default_and_stop_binds()
    {
        Assert.Equal(CheckpointFailurePolicy.Warn, Bind().Recovery.OnCheckpointFailure);
        Assert.Equal(CheckpointFailurePolicy.Stop, Bind("recovery.on-checkpoint-failure=stop").Recovery.OnCheckpointFailure);
    }
}
