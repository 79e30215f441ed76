using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.TestKit;

public sealed class TestProbeTests : TestKitBase
{
    [Fact]
    public void ExpectMsg_returns_the_next_message_and_fails_on_another_type()
    {
        var probe = CreateTestProbe();
        probe.Tell("hello");
        probe.Tell(42);

        Assert.Equal("hello", probe.ExpectMsg<string>());
        var error = Assert.Throws<ExpectationFailedException>(() => probe.ExpectMsg<string>());
        Assert.Contains("Int32", error.Message);
    }

    [Fact]
    public void ExpectMsg_fails_after_its_timeout_when_nothing_arrives()
    {
        var probe = CreateTestProbe();

        var error = Assert.Throws<ExpectationFailedException>(() => probe.ExpectMsg<string>(TimeSpan.FromMilliseconds(20)));

        Assert.Contains("timeout", error.Message);
    }

    [Fact]
    public void ExpectMsg_with_a_predicate_checks_the_message()
    {
        var probe = CreateTestProbe();
        probe.Tell(3);
        probe.Tell(4);

        Assert.Equal(3, probe.ExpectMsg<int>(i => i % 2 == 1));
        Assert.Throws<ExpectationFailedException>(() => probe.ExpectMsg<int>(i => i % 2 == 1));
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        var probe = CreateTestProbe();
        probe.Tell("surprise");

        Assert.Throws<ExpectationFailedException>(() => probe.ExpectNoMsg(TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void FishForMessage_skips_messages_until_one_matches()
    {
        var probe = CreateTestProbe();
        foreach (var i in new[] { 1, 2, 3, 10, 4 }) probe.Tell(i);

        Assert.Equal(10, probe.FishForMessage<int>(i => i > 5));
        Assert.Equal(4, probe.ExpectMsg<int>());
    }

    [Fact]
    public void Within_bounds_the_expectations_inside_it()
    {
        var probe = CreateTestProbe();

        var error = Assert.Throws<ExpectationFailedException>(() =>
            probe.Within(TimeSpan.FromMilliseconds(50), () => probe.ExpectMsg<string>(TimeSpan.FromSeconds(10))));

        Assert.Contains("timeout (", error.Message);
        probe.Tell("quick");
        Assert.Equal("quick", probe.Within(TimeSpan.FromSeconds(1), () => probe.ExpectMsg<string>()));
    }

    [Fact]
    public void Reply_answers_the_last_sender()
    {
        var probe = CreateTestProbe();
        var asker = CreateTestProbe();
        asker.Send(probe, "question");

        probe.ExpectMsg("question");
        probe.Reply("answer");

        asker.ExpectMsg("answer");
        Assert.Same(probe, asker.LastSender);
    }

    [Fact]
    public async Task A_probe_answers_an_ask()
    {
        var probe = CreateTestProbe();
        var ask = probe.Ask<string>("question", TimeSpan.FromSeconds(5));

        probe.ExpectMsg("question");
        probe.Reply("answer");

        Assert.Equal("answer", await ask);
    }
}
