using ActorTrain.Cluster.Driver;
using ActorTrain.Cluster.Node;
using ActorTrain.Profiling.Merging;
using Akka.Actor;

namespace ActorTrain.Cluster.Tests.Driver;

public sealed class ClockProbeTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly ClusterNodes _nodes = new("unused");
    private readonly Address _self;

    public ClockProbeTests()
    {
        _self = ((ExtendedActorSystem)Sys).Provider.DefaultAddress;
        _nodes.Joined(_self.ToString(), 1);
        _nodes.Placed(_self.ToString(), 0, [0]);
    }

    /// <summary>
    /// One process, one clock: the true offset is zero, and the node read its clock inside each round trip, so the
    /// estimate must lie within its uncertainty of zero.
    /// </summary>
    [Fact]
    public void A_clock_in_the_same_process_is_measured_at_offset_zero_within_its_uncertainty()
    {
        Sys.ActorOf(ClockAnswer.Props(), ClockAnswer.Name);

        Sys.ActorOf(ClockProbe.Props(_self, _nodes, Serilog.Core.Logger.None));

        AwaitCondition(() => _nodes.Workers()[0].Clock is not null, TimeSpan.FromSeconds(20));
        var clock = _nodes.Workers()[0].Clock!;
        Assert.Equal(ClockProbe.Pings, clock.Pings);
        Assert.True(clock.RoundTrip > 0);
        Assert.InRange(clock.Offset, -clock.Uncertainty, clock.Uncertainty);
    }

    [Fact]
    public void A_worker_whose_clock_never_answers_is_recorded_as_unmeasured_with_the_reason()
    {
        Sys.ActorOf(ClockProbe.Props(_self, _nodes, Serilog.Core.Logger.None, pingTimeout: TimeSpan.FromMilliseconds(200)));

        AwaitCondition(() => _nodes.Workers()[0].ClockProblem is not null, TimeSpan.FromSeconds(20));
        Assert.Null(_nodes.Workers()[0].Clock);
        Assert.Equal("no answer to ping 1 of 16 within 0.2 s", _nodes.Workers()[0].ClockProblem);
    }
}
