using ActorTrain.Training.Observability;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// Where a worker's fault injector sends the moment of each fault it injects: into the recorder of the generation being
/// profiled, if any. The injector lives as long as the process, a recorder only as long as its generation's stages,
/// hence this relay. Stage threads inject concurrently with a generation starting: the target is swapped atomically.
/// </summary>
public sealed class FaultMarks : ITrainingObserver
{
    private volatile ITrainingObserver? _target;

    public void RecordInto(ITrainingObserver? target) => _target = target;

    public void OnFaultInjected(FaultInjection fault) => _target?.OnFaultInjected(fault);
}
