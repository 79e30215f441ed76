namespace ActorTrain.Cluster.Messages;

/// <summary>
/// Something failed on worker <paramref name="Rank"/>: a stage threw, or a Gloo call to <paramref name="PeerRank"/>
/// failed (the peer died or timed out), which names the peer as the node probably lost.
/// </summary>
public sealed record WorkerFailure(int Rank, int PeerRank, string Reason)
{
    public const int NoPeer = -1;
}
