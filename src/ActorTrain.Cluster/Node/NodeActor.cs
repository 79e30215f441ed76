using ActorTrain.Cluster.Messages;
using ActorTrain.Data.Datasets;
using ActorTrain.Config.Settings;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Decoupled;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;
using Akka.Actor;
using Akka.Cluster;
using Serilog;
using static Akka.Cluster.ClusterEvent;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// A worker's root (<c>/user/node</c>): once this node is up in the cluster it introduces itself to the driver
/// (resending until answered), hosts the stages (the dp replica, the IST subnet worker) the driver places here, one run
/// generation at a time (a mode plan places each entry anew, as its <see cref="RunEntry"/> says), and ends the process's service when the
/// driver refuses it, never answers within the join timeout, or leaves or becomes unreachable: a worker never
/// outlives its driver.
/// </summary>
internal sealed partial class NodeActor : ReceiveActor, IWithTimers
{
    public const string Name = "node";

    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly Config.Settings.ClusterSettings _settings;
    private readonly TrainingOptions _options;
    private readonly DecoupledSettings _decoupled;
    private readonly Config.Settings.IstSettings _ist;
    private readonly Dataset _dataset;
    private readonly ConfigIdentity _identity;
    private readonly ILogger _log;
    private readonly TaskCompletionSource<NodeExit> _exit;
    private readonly Address _driverAddress;
    private readonly WorkerLinks _links;

    private IActorRef? _stages;
    private RunEntry? _entry;
    private int _generation;
    private bool _welcomed, _runEnded;

    private sealed record Joined;

    private sealed record SendHello;

    private sealed record JoinTimedOut;

    public NodeActor(Config.Settings.ClusterSettings settings, TrainingOptions options, DecoupledSettings decoupled, Config.Settings.IstSettings ist,
        Dataset dataset, ConfigIdentity identity, WorkerLinks links, ILogger log, TaskCompletionSource<NodeExit> exit)
    {
        (_settings, _options, _decoupled, _ist, _dataset, _identity, _links, _log, _exit) = (settings, options, decoupled, ist, dataset, identity, links, log, exit);
        _driverAddress = Address.Parse(ClusterAkkaConfig.SeedAddress(settings));

        Receive<Joined>(_ =>
        {
            _log.Information("Joined the cluster as {Address}; introducing this worker to the driver at {Driver}", _cluster.SelfAddress, _driverAddress);
            Timers.StartPeriodicTimer("hello", new SendHello(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
        });
        Receive<SendHello>(_ => Context.ActorSelection(new RootActorPath(_driverAddress) / "user" / ClusterAkkaConfig.DriverActorName)
            .Tell(new NodeHello(Environment.ProcessId, _cluster.SelfAddress.ToString(), _identity.Version, _identity.Fingerprint, _identity.Lines), Self));
        Receive<NodeWelcome>(w =>
        {
            if (!_welcomed) _log.Information("The driver accepted this node as worker {Worker}", w.WorkerIndex);
            _welcomed = true;
            Timers.Cancel("hello");
        });
        Receive<NodeRefused>(r => End(2, $"the driver refused this worker: {r.Reason}"));
        Receive<JoinTimedOut>(_ =>
        {
            if (!_welcomed) End(1, $"no driver answered at {_driverAddress} within {_settings.JoinTimeout.TotalSeconds:F0} s");
        });
        Receive<RunEntry>(e =>
        {
            // A mode plan's next entry has a driver of its own, which knows nothing of the snapshots of the one before.
            _entry = e;
            _snapshotStore.Clear();
        });
        Receive<HostStages>(OnHostStages);
        Receive<ReleaseStages>(OnReleaseStages);
        Receive<Terminated>(OnStagesTerminated);
        Receive<InjectNodeFault>(OnInjectNodeFault);
        ReceiveSnapshots();
        Receive<FaultsFired>(f => _links.MarkFaultsFired(f.Counts));
        Receive<EndRun>(e =>
        {
            _runEnded = true;
            if (e.Failure is { } failure) End(1, $"the driver ended the run: {failure}");
            else StopStages();
        });
        Receive<UnreachableMember>(u => DriverGone(u.Member, "became unreachable"));
        Receive<MemberRemoved>(m => DriverGone(m.Member, "left the cluster"));
        Receive<MemberExited>(m => DriverGone(m.Member, "left the cluster"));
        Receive<IMemberEvent>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Config.Settings.ClusterSettings settings, TrainingOptions options, DecoupledSettings decoupled,
        Config.Settings.IstSettings ist, Dataset dataset, ConfigIdentity identity, WorkerLinks links, ILogger log, TaskCompletionSource<NodeExit> exit) =>
        Akka.Actor.Props.Create(() => new NodeActor(settings, options, decoupled, ist, dataset, identity, links, log, exit));

    protected override void PreStart()
    {
        var self = Self;
        _cluster.RegisterOnMemberUp(() => self.Tell(new Joined()));
        _cluster.Subscribe(Self, InitialStateAsEvents, typeof(IMemberEvent), typeof(UnreachableMember));
        Timers.StartSingleTimer("join-timeout", new JoinTimedOut(), _settings.JoinTimeout);
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void OnHostStages(HostStages plan)
    {
        if (_stages is not null || _restoring is not null)
        {
            _log.Warning("Ignoring a placement while the run generation before it is still hosted here");
            return;
        }
        _runEnded = false;
        (_driver, _buddy) = (Sender, plan.Buddy);
        if (plan.Restore is { } restore) GatherSnapshot(plan, restore);
        else Host(plan, null);
    }

    /// <summary>Starts the placed stages (<paramref name="restored"/>: the serialized snapshot each local stage starts from).</summary>
    private void Host(HostStages plan, IReadOnlyDictionary<int, byte[]>? restored)
    {
        var options = (_entry?.ApplyTo(_options) ?? _options) with { RunDirectory = plan.RunDirectory };
        // A generation's children take new names: the previous generation's may still be stopping.
        var generation = _generation++;
        _stages = options.Mode switch
        {
            DataParallelRun.Mode => Context.ActorOf(WorkerReplica.Props(plan, options, _dataset, _driver!, _settings, _log), $"replica-{generation}"),
            DecoupledSupervisor.Mode => Context.ActorOf(WorkerDecoupledStages.Props(plan, options, _decoupled, _dataset, _driver!, _settings, _log),
                $"decoupled-{generation}"),
            IstRun.Mode => Context.ActorOf(WorkerSubnet.Props(plan, options, _ist, _dataset, _driver!, _settings, _log), $"subnet-{generation}"),
            _ => Context.ActorOf(WorkerStages.Props(plan, options, _dataset, _driver!, _settings, _links, restored, _log), $"stages-{generation}"),
        };
    }

    private void StopStages()
    {
        _restoring = null;
        _stages?.Tell(EndRun.Done, Self);
        _stages = null;
    }

    private void DriverGone(Member member, string what)
    {
        if (member.Address != _driverAddress) return;
        if (_runEnded) End(0, $"the driver {what} after the run");
        else End(1, $"the driver {what} before the run ended");
    }

    private void End(int code, string reason)
    {
        if (_exit.Task.IsCompleted) return;
        if (code == 0) _log.Information("{Reason}; stopping", reason);
        else _log.Error("{Reason}; stopping", reason);
        StopStages();
        _exit.TrySetResult(new NodeExit(code, reason));
    }
}
