using ActorTrain.Cli.Training;

namespace ActorTrain.Cli.Tests.Training;

public sealed class ModeDispatchTests
{
    [Theory]
    [InlineData("[{ mode = ist, epochs = 2 }, { mode = sync, epochs = 1 }]")]
    [InlineData("[{ mode = dp, epochs = 2 }, { mode = sync, epochs = 1 }, { mode = dp, epochs = 1 }]")]
    [InlineData("[{ mode = sync, epochs = 1 }, { mode = ist, epochs = 1, optimizer-state = reset }]")]
    [InlineData("[{ mode = sync, epochs = 1 }, { mode = async, epochs = 1 }, { mode = dp, epochs = 1 }]")]
    public void Every_mode_shares_a_mode_plan_with_the_others(string plan)
    {
        ModeDispatch.Check(ModeDispatch.Settings($"mode-plan = {plan}"));
    }

    [Theory]
    [InlineData("ist")]
    [InlineData("dp")]
    [InlineData("async")]
    public void Policy_switching_refuses_modes_other_than_sync_and_decoupled(string mode)
    {
        var e = Assert.Throws<UsageException>(() => ModeDispatch.Check(ModeDispatch.Settings($"run.mode = {mode}", "policy.enabled = on")));

        Assert.Contains($"actortrain.run.mode = {mode} cannot take part", e.Message);
    }
}
