using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Dispatch;

/// <summary>
/// A pinned actor's thread runs work posted to its synchronization context between turns, so where a posted
/// callback lands among the messages shows where one turn ended.
/// </summary>
public sealed class ThroughputTests : TestKitBase
{
    [Theory]
    [InlineData(1, new[] { "m1", "after m1", "m2", "after m2" })]
    [InlineData(3, new[] { "m1", "m2", "after m1", "after m2" })]
    public void The_throughput_budget_bounds_the_messages_of_one_turn(int throughput, string[] expected)
    {
        var probe = CreateTestProbe();
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new TurnMarker(probe, gate)).WithDispatcher(Dispatchers.Pinned).WithThroughput(throughput));
        actor.Tell("block");
        probe.ExpectMsg("blocked");

        actor.Tell("m1");
        actor.Tell("m2");
        gate.Set();

        Assert.Equal(expected, expected.Select(_ => probe.ExpectMsg<string>()));
    }

    private sealed class TurnMarker : ReceiveActor
    {
        public TurnMarker(IActorRef probe, ManualResetEventSlim gate)
        {
            Receive<string>(s => s == "block", _ =>
            {
                probe.Tell("blocked");
                gate.Wait(TimeSpan.FromSeconds(10));
            });
            Receive<string>(s =>
            {
                probe.Tell(s);
                SynchronizationContext.Current!.Post(_ => probe.Tell($"after {s}"), null);
            });
        }
    }
}
