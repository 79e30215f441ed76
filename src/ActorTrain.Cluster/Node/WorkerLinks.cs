using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// How a worker links its stages: the run's link factory (the protocol of `actortrain.links`, and the fault injector of
/// `actortrain.faults` as a decorator nearest the wire, and its stage faults on the stages' side, as in one process),
/// the observer that hears the protocol's events and the faults injected here, and whether the stages check every
/// tensor they receive and their loss for NaN and infinity (when the driver restarts failed stages, so a transient
/// compute fault becomes a restart rather than a run that goes on with NaN weights).
/// </summary>
public sealed record WorkerLinks(LinkFactory Factory, ITrainingObserver Observer, bool CheckFinite = false)
{
    /// <summary>Tells the fault injector how often each plan entry fired in other processes (see <see cref="Messages.FaultsFired"/>).</summary>
    public Action<IReadOnlyList<int>> MarkFaultsFired { get; init; } = _ => { };

    /// <summary>Where the injector marks the faults it injects, for a profiled generation's recorder.</summary>
    public FaultMarks Marks { get; init; } = new();

    public static readonly WorkerLinks Plain = new(LinkFactory.InProcess, NullTrainingObserver.Instance);
}
