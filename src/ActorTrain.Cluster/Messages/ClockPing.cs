namespace ActorTrain.Cluster.Messages;

/// <summary>The driver asks a worker's clock (see Node.ClockAnswer); <paramref name="Sequence"/> matches the answer to the question.</summary>
public sealed record ClockPing(int Sequence);
