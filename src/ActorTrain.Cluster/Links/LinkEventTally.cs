using ActorTrain.Cluster.Messages;
using ActorTrain.Training.Observability;

namespace ActorTrain.Cluster.Links;

/// <summary>
/// Counts what the link protocol did on one worker's links (from any stage thread) and passes every event on, so the
/// driver can say how a lossy wire between processes healed without asking each worker's log.
/// </summary>
internal sealed class LinkEventTally(ITrainingObserver inner) : ITrainingObserver
{
    private readonly long[] _counts = new long[Enum.GetValues<LinkEventKind>().Length];

    public void OnLinkEvent(LinkEvent linkEvent)
    {
        Interlocked.Increment(ref _counts[(int)linkEvent.Kind]);
        inner.OnLinkEvent(linkEvent);
    }

    public void OnRecovery(RecoveryEvent recovery) => inner.OnRecovery(recovery);

    public LinkHealth Snapshot(int rank) =>
        new(rank, Enum.GetValues<LinkEventKind>().Where(k => Interlocked.Read(ref _counts[(int)k]) > 0)
            .ToDictionary(k => k.ToString(), k => Interlocked.Read(ref _counts[(int)k])));
}
