namespace ActorTrain.Cluster.Messages;

/// <summary>
/// Worker <paramref name="Rank"/>'s Gloo training traffic so far (sent with each checkpoint, when the pipeline is
/// drained): bytes sent, payload sends and the time its stages spent in them.
/// </summary>
public sealed record LinkTraffic(int Rank, long BytesSent, long Sends, TimeSpan SendTime);
