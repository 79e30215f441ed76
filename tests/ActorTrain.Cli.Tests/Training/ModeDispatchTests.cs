using ActorTrain.Cli.Training;

namespace ActorTrain.Cli.Tests.Training;

public sealed class ModeDispatchTests
{
    [Theory]
    [InlineData("[{ mode = ist, epochs = 2 }, { mode = sync, epochs = 1 }]")]
    [InlineData("[{ mode = dp, epochs = 2 }, { mode = sync, epochs = 1 }, { mode = dp, epochs = 1 }]")]
    [InlineData("[{ mode = sync, epochs = 1 }, { mode = ist, epochs = 1, optimizer-state = reset }]")]
    public void Ist_and_dp_share_a_mode_plan_with_the_pipeline_modes_and_resume(string plan)
    {
        ModeDispatch.Check(ModeDispatch.Settings($"mode-plan = {plan}"), resuming: true);
    }

    [Theory]
    [InlineData("ist")]
    [InlineData("dp")]
    public void Policy_switching_still_refuses_ist_and_dp(string mode)
    {
        var e = Assert.Throws<UsageException>(() => ModeDispatch.Check(ModeDispatch.Settings($"run.mode = {mode}", "policy.enabled = on"), resuming: false));

        Assert.Contains($"run.mode = {mode}", e.Message);
    }
}
