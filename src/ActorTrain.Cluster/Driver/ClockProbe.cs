using ActorTrain.Cluster.Messages;
using ActorTrain.Cluster.Node;
using ActorTrain.Profiling.Merging;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// Measures one worker's clock offset when it joins a profiled run: <see cref="Pings"/> round trips, one at a time and 20 ms apart, to
/// the worker's <see cref="ClockAnswer"/>; the shortest gives the offset and its uncertainty (see
/// <see cref="ClockOffset.Estimate"/>), recorded in the run's <see cref="ClusterNodes"/>. A child of the driver so its
/// round trips do not queue behind the driver's own messages. A worker that stops answering gets the estimate from
/// the round trips it did answer, or none (the merge then names it).
/// </summary>
internal sealed class ClockProbe : ReceiveActor, IWithTimers
{
    /// <summary>Enough round trips that one is likely free of a scheduling hiccup on either side.</summary>
    public const int Pings = 16;

    /// <summary>Spread over about a third of a second, so one pause (a collection, JIT at start-up) cannot spoil them all.</summary>
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan DefaultPingTimeout = TimeSpan.FromSeconds(5);

    private readonly Address _worker;
    private readonly ClusterNodes _nodes;
    private readonly ILogger _log;
    private readonly ActorSelection _clock;
    private readonly TimeSpan _pingTimeout;
    private readonly List<ClockSample> _samples = new();
    private int _sequence;
    private long _sentAt;

    private sealed record PingTimedOut(int Sequence);

    private sealed record NextPing;

    public ClockProbe(Address worker, ClusterNodes nodes, ILogger log, TimeSpan pingTimeout)
    {
        (_worker, _nodes, _log, _pingTimeout) = (worker, nodes, log, pingTimeout);
        _clock = Context.ActorSelection(new RootActorPath(worker) / "user" / ClockAnswer.Name);
        Receive<ClockPong>(OnPong);
        Receive<NextPing>(_ => Ping());
        Receive<PingTimedOut>(t =>
        {
            if (t.Sequence == _sequence) Done($"no answer to ping {t.Sequence + 1} of {Pings} within {_pingTimeout.TotalSeconds:F1} s");
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="pingTimeout">How long one ping may go unanswered before the probe gives up; default 5 s.</param>
    public static Props Props(Address worker, ClusterNodes nodes, ILogger log, TimeSpan? pingTimeout = null)
    {
        var timeout = pingTimeout ?? DefaultPingTimeout;
        return Akka.Actor.Props.Create(() => new ClockProbe(worker, nodes, log, timeout));
    }

    protected override void PreStart() => Ping();

    private void Ping()
    {
        Timers.StartSingleTimer("ping", new PingTimedOut(_sequence), _pingTimeout);
        _sentAt = Nanoseconds.Now();
        _clock.Tell(new ClockPing(_sequence), Self);
    }

    private void OnPong(ClockPong pong)
    {
        var receivedAt = Nanoseconds.Now();
        if (pong.Sequence != _sequence) return;
        _samples.Add(new ClockSample(_sentAt, pong.NodeTime, receivedAt));
        Timers.Cancel("ping");
        if (++_sequence < Pings) Timers.StartSingleTimer("next", new NextPing(), Gap);
        else Done(null);
    }

    private void Done(string? problem)
    {
        Timers.CancelAll();
        var address = _worker.ToString();
        if (_samples.Count == 0)
        {
            _nodes.ClockFailed(address, problem ?? "no ping answered");
            _log.Warning("Clock of worker {Address} not measured: {Problem}; its profile times are taken as the driver's", address, problem);
        }
        else
        {
            var offset = ClockOffset.Estimate(_samples);
            _nodes.ClockMeasured(address, offset);
            _log.Information("Clock of worker {Address}: offset {Offset:F1} us, uncertainty {Uncertainty:F1} us (shortest of {Pings} round trips)",
                address, offset.Offset / 1e3, offset.Uncertainty / 1e3, offset.Pings);
        }
        Context.Stop(Self);
    }
}
