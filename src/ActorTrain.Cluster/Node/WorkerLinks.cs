using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// How a worker links its stages: the run's link factory (the protocol of `actortrain.links`, and the fault injector of
/// `actortrain.faults` as a decorator nearest the wire, as in one process) and the observer that hears the protocol's
/// events and the faults injected here.
/// </summary>
public sealed record WorkerLinks(LinkFactory Factory, ITrainingObserver Observer)
{
    public static readonly WorkerLinks Plain = new(LinkFactory.InProcess, NullTrainingObserver.Instance);
}
