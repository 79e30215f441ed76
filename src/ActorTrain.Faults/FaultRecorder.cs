using System.Collections.Concurrent;
using ActorTrain.Config.Settings;
using ActorTrain.Training.Observability;

namespace ActorTrain.Faults;

/// <summary>
/// Collects the faults injected and the link protocol's events of one run, from any thread, so that a report can say
/// for each fault what detected it and how it healed. As an observer it listens to link events and recoveries only; each
/// injection also goes on to <paramref name="timeline"/> (the profiler), which marks it on the run's timeline.
/// </summary>
public sealed class FaultRecorder(ITrainingObserver? timeline = null) : ITrainingObserver
{
    private readonly ConcurrentQueue<InjectedFault> _faults = new();
    private readonly ConcurrentQueue<LinkEvent> _events = new();
    private readonly ConcurrentQueue<RecoveryEvent> _recoveries = new();

    public IReadOnlyList<InjectedFault> Faults => [.. _faults];

    public IReadOnlyList<LinkEvent> LinkEvents => [.. _events];

    public IReadOnlyList<RecoveryEvent> Recoveries => [.. _recoveries];

    public void OnInjected(InjectedFault fault)
    {
        _faults.Enqueue(fault);
        timeline?.OnFaultInjected(new FaultInjection(EnumNames.Of(fault.Kind), fault.Where, fault.Step, fault.MicroBatch, fault.Timestamp));
    }

    /// <summary>
    /// A fault no injector of this process applied: the driver of a clustered run reports those it injected (node and
    /// storage faults) or found on a worker (a hang its watchdog caught).
    /// </summary>
    public void OnFaultInjected(FaultInjection fault)
    {
        if (EnumNames.TryParse<FaultKind>(fault.Kind, out var kind))
            OnInjected(new InjectedFault(kind, fault.Stage, fault.Stage, fault.Step, fault.MicroBatch, -1, fault.Timestamp));
    }

    public void OnLinkEvent(LinkEvent linkEvent) => _events.Enqueue(linkEvent);

    public void OnRecovery(RecoveryEvent recovery) => _recoveries.Enqueue(recovery);
}
