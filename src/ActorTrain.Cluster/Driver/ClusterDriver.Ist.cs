using ActorTrain.Cluster.Links;
using ActorTrain.Cluster.Messages;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Runs;
using Akka.Actor;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// Clustered ist: the driver is the parameter server. It joins the workers' Gloo group as its last rank (each worker
/// trains the subnet placed on it, by member order or cluster.placement, as dp's replicas), and once every worker is ready runs the one-process
/// <see cref="IstRun"/> server in this actor system with a <see cref="SubnetLink"/> standing in for each worker. The
/// server draws the same partitions and rounds, evaluates after each epoch and writes checkpoints (its full model and
/// optimizer state, then the manifest) itself; the workers keep nothing it lacks, so <c>--resume</c> needs only the
/// driver's checkpoint.
/// </summary>
internal sealed partial class ClusterDriver
{
    private readonly GlooTraffic _serverSent = new();
    private GlooTraffic[] _subnetSent = [];
    private GlooGroup? _serverGroup;
    private CancellationTokenSource? _istInterrupt;
    private bool _istStarted;

    private sealed record ServerJoined(GlooGroup Group);

    private sealed record ServerJoinFailed(Exception Cause);

    private sealed record IstEnded(TrainingResult? Result, Exception? Failure);

    private bool ServesIst => _shape.IstServer is not null;

    private void ReceiveIstServer()
    {
        Receive<ServerJoined>(joined =>
        {
            _serverGroup = joined.Group;
            if (_finished) ReleaseServerGroup();
            else StartIstWhenReady();
        });
        Receive<ServerJoinFailed>(f => Fail(new ClusterNodeLostException($"the driver could not join the Gloo group as IST's parameter server: {f.Cause.Message}")));
        Receive<IstEnded>(OnIstEnded);
    }

    /// <summary>Joins as the last rank, off this thread: a Gloo rendezvous blocks until every rank has joined.</summary>
    private void JoinAsServer(string prefix)
    {
        var plan = new HostStages(_workers.Count, _workers.Count + 1, _shape.Balance, [], _settings.Hostname, _settings.StorePort, prefix,
            _options.RunDirectory!, null);
        var (timeout, address) = (_settings.LinkTimeout, _settings.Hostname);
        Task.Run(() => GlooGroup.Join(plan, timeout, address)).PipeTo(Self, success: g => new ServerJoined(g), failure: e => new ServerJoinFailed(e));
    }

    private void StartIstWhenReady()
    {
        if (_istStarted || _finished || _serverGroup is null || _ready < _workers.Count) return;
        (_istStarted, _training) = (true, true);
        _startTimestamp = _clock.GetTimestamp();
        _log.Information("Every worker joined the Gloo group: the driver is the parameter server of {Workers} subnet workers, {Epochs} epoch(s)",
            _workers.Count, _options.Epochs);
        var server = _shape.IstServer!;
        var (group, timeout, sent) = (_serverGroup.Group, _settings.LinkTimeout, _serverSent);
        // Subnet w lives on the worker placed to host it (one each, as dp's replicas); its Gloo rank is that worker's.
        var hosts = Enumerable.Range(0, _workers.Count).Select(w => _workers.Single(x => x.Stages.Contains(w)))
            .Select(x => (x.Rank, Host: x.StageHost!, Name: x.ToString())).ToArray();
        _subnetSent = _workers.Select(_ => new GlooTraffic()).ToArray();
        var received = _subnetSent;
        _istInterrupt = new CancellationTokenSource();
        IstRun.ServeAsync(_options, server.Ist, server.Data,
                w => SubnetLink.Props(group, hosts[w].Rank, hosts[w].Host, hosts[w].Name, timeout, sent, received[hosts[w].Rank]),
                _observer, _log, new RunEnvironment(Context.System), _istInterrupt.Token)
            .PipeTo(Self, success: r => new IstEnded(r, null), failure: e => new IstEnded(null, e));
    }

    /// <summary>The server finishes the round in flight, writes a checkpoint and ends the run as interrupted.</summary>
    private void InterruptIst() => _istInterrupt?.Cancel();

    /// <summary>The server and its links have stopped (the run's task completes only then), so nothing uses the group any more.</summary>
    private void OnIstEnded(IstEnded ended)
    {
        ReleaseServerGroup();
        _istInterrupt?.Dispose();
        _istInterrupt = null;
        if (ended.Failure is { } failure)
        {
            var cause = failure is AggregateException { InnerException: { } inner } ? inner : failure;
            Fail(new ClusterNodeLostException($"the IST run failed: {cause.Message}"));
            return;
        }
        if (_finished) return;
        _finished = true;
        foreach (var w in _workers) w.Node.Tell(EndRun.Done, Self);
        // Worker w's entry is what it sent back (timed at the driver's receives); the last, the server's own sends.
        var traffic = _workers.Select(w => _subnetSent[w.Rank].Snapshot(w.Rank)).Append(_serverSent.Snapshot(_workers.Count)).ToList();
        _done.TrySetResult(new ClusterRunResult(ended.Result!, traffic));
    }

    private void ReleaseServerGroup()
    {
        _serverGroup?.Dispose();
        _serverGroup = null;
    }
}
