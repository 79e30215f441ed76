using ActorTrain.Training.Hosting;
using ActorTrain.Training.Runs;

namespace ActorTrain.Training.Tests.Hosting;

public sealed class TrainingActorSystemTests
{
    [Fact]
    public async Task The_akka_section_of_a_configuration_sets_akkas_log_level()
    {
        using var system = TrainingActorSystem.Create("levels", "akka { loglevel = DEBUG }");

        Assert.Equal("DEBUG", system.Settings.LogLevel);
        await system.Terminate();
    }

    [Fact]
    public async Task Without_an_akka_section_stages_get_a_pinned_dispatcher_and_akkas_default_log_level()
    {
        using var system = TrainingActorSystem.Create("defaults");

        Assert.Equal("INFO", system.Settings.LogLevel);
        Assert.Equal("PinnedDispatcher", system.Settings.Config.GetString(StageDispatcher.Id + ".type"));
        await system.Terminate();
    }

    [Fact]
    public async Task A_user_may_override_the_stage_dispatcher()
    {
        using var system = TrainingActorSystem.Create("override", "akka.actor.stage-dispatcher.throughput = 7");

        Assert.Equal(7, system.Settings.Config.GetInt(StageDispatcher.Id + ".throughput"));
        Assert.Equal("PinnedDispatcher", system.Settings.Config.GetString(StageDispatcher.Id + ".type"));
        await system.Terminate();
    }
}
