using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Supervision;

public sealed class AllForOneStrategyTests : TestKitBase
{
    private readonly Stateful.Instances _instances = new();

    [Fact]
    public void All_for_one_restarts_the_siblings_of_a_failed_child()
    {
        var probe = CreateTestProbe();
        var parent = Start(new AllForOneStrategy(_ => Directive.Restart), probe);
        foreach (var child in new[] { "a", "b", "c" })
        {
            parent.Tell((child, (object)"inc"));
            parent.Tell((child, (object)"get"));
        }
        Assert.All(Enumerable.Range(0, 3).Select(_ => probe.ExpectMsg<string>()), c => Assert.EndsWith("count 1", c));

        parent.Tell(("b", (object)"fail"));

        ActorFailed? failure = null;
        var freshStarts = 0;
        while (freshStarts < 3)
        {
            switch (probe.ExpectMsg<object>())
            {
                case ActorFailed f:
                    failure = f;
                    break;
                case string s when s.EndsWith("PreStart") && Instance(s) > 3:
                    freshStarts++;
                    break;
            }
        }
        Assert.NotNull(failure);
        Assert.Equal(("b", Directive.Restart, "fail"), (failure.Actor.Path.Name, failure.Directive, failure.Message));
        foreach (var child in new[] { "a", "b", "c" }) parent.Tell((child, (object)"get"));
        var counts = Enumerable.Range(0, 3).Select(_ => probe.ExpectMsg<string>()).ToList();
        Assert.All(counts, c => Assert.EndsWith("count 0", c));
    }

    [Fact]
    public void Siblings_failing_together_all_come_back()
    {
        var probe = CreateTestProbe();
        var parent = Start(new AllForOneStrategy(_ => Directive.Restart), probe);

        foreach (var child in new[] { "a", "b", "c" }) parent.Tell((child, (object)"fail"));
        foreach (var child in new[] { "a", "b", "c" }) parent.Tell((child, (object)"get"));

        var answered = Enumerable.Range(0, 3).Select(_ => probe.FishForMessage<string>(s => s.Contains(" count "))[0]).Order();
        Assert.Equal(['a', 'b', 'c'], answered);
    }

    [Fact]
    public void All_for_one_stop_stops_every_child()
    {
        var probe = CreateTestProbe();
        var parent = Start(new AllForOneStrategy(_ => Directive.Stop), probe);

        parent.Tell(("a", (object)"fail"));

        var terminated = Enumerable.Range(0, 3).Select(_ => probe.FishForMessage<Terminated>(_ => true).ActorRef.Path.Name).Order();
        Assert.Equal(["a", "b", "c"], terminated);
    }

    [Fact]
    public void All_for_one_resume_resumes_only_the_failed_child()
    {
        var probe = CreateTestProbe();
        var parent = Start(new AllForOneStrategy(_ => Directive.Resume), probe);
        parent.Tell(("a", (object)"inc"));
        parent.Tell(("b", (object)"inc"));

        parent.Tell(("a", (object)"fail"));
        Assert.Equal(Directive.Resume, probe.ExpectMsg<ActorFailed>().Directive);
        parent.Tell(("a", (object)"get"));
        parent.Tell(("b", (object)"get"));

        var counts = new[] { probe.ExpectMsg<string>(), probe.ExpectMsg<string>() };
        Assert.All(counts, c => Assert.EndsWith("count 1", c));
    }

    private static int Instance(string hookReport) => int.Parse(hookReport[2..hookReport.IndexOf(' ')]);

    private IActorRef Start(SupervisorStrategy strategy, TestProbe probe)
    {
        var children = new[] { "a", "b", "c" }.ToDictionary(n => n, n => Stateful.Props(probe, n, _instances));
        var parent = Sys.ActorOf(Props.Create(() => new Supervisor(strategy, children, probe, false)), "parent");
        for (var i = 0; i < 3; i++) probe.FishForMessage<string>(s => s.EndsWith("PreStart"));
        return parent;
    }
}
