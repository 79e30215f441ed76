using System.Collections.Concurrent;
using ActorTrain.Training.Observability;

namespace ActorTrain.Faults;

/// <summary>
/// Collects the faults injected and the link protocol's events of one run, from any thread, so that a report can say
/// for each fault what detected it and how it healed. As an observer it listens to link events and recoveries only.
/// </summary>
public sealed class FaultRecorder : ITrainingObserver
{
    private readonly ConcurrentQueue<InjectedFault> _faults = new();
    private readonly ConcurrentQueue<LinkEvent> _events = new();
    private readonly ConcurrentQueue<RecoveryEvent> _recoveries = new();

    public IReadOnlyList<InjectedFault> Faults => [.. _faults];

    public IReadOnlyList<LinkEvent> LinkEvents => [.. _events];

    public IReadOnlyList<RecoveryEvent> Recoveries => [.. _recoveries];

    public void OnInjected(InjectedFault fault) => _faults.Enqueue(fault);

    public void OnLinkEvent(LinkEvent linkEvent) => _events.Enqueue(linkEvent);

    public void OnRecovery(RecoveryEvent recovery) => _recoveries.Enqueue(recovery);
}
