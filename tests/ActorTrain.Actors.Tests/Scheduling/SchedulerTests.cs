using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Scheduling;

public sealed class SchedulerTests() : TestKitBase(new ActorSystemOptions { TimeProvider = new ManualTimeProvider() })
{
    private ManualTimeProvider Clock => (ManualTimeProvider)Sys.TimeProvider;

    [Fact]
    public void ScheduleTellOnce_sends_when_the_delay_has_passed()
    {
        var probe = CreateTestProbe();

        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(10), probe, "tick");
        Clock.Advance(TimeSpan.FromSeconds(9));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        Clock.Advance(TimeSpan.FromSeconds(1));

        probe.ExpectMsg("tick");
        Clock.Advance(TimeSpan.FromMinutes(1));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void ScheduleTellRepeatedly_sends_every_interval_until_cancelled()
    {
        var probe = CreateTestProbe();

        var ticks = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), probe, "tick");
        Clock.Advance(TimeSpan.FromSeconds(5)); // fires at 1, 3 and 5
        Assert.Equal(["tick", "tick", "tick"], Enumerable.Range(0, 3).Select(_ => probe.ExpectMsg<string>()));
        ticks.Cancel();
        Clock.Advance(TimeSpan.FromSeconds(10));

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        Assert.True(ticks.IsCancellationRequested);
    }

    [Fact]
    public void A_cancelled_send_never_happens()
    {
        var probe = CreateTestProbe();

        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), probe, "tick").Cancel();
        Clock.Advance(TimeSpan.FromSeconds(2));

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public async Task Stopping_the_system_cancels_what_is_pending()
    {
        var probe = CreateTestProbe();
        Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), probe, "tick");

        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(5));
        Clock.Advance(TimeSpan.FromSeconds(5));

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        Assert.Equal(0, Clock.PendingTimers);
    }
}
