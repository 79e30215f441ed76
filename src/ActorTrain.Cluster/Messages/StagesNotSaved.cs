namespace ActorTrain.Cluster.Messages;

/// <summary>Worker <paramref name="Rank"/> could not write its stage files of the checkpoint at <paramref name="Step"/>: it answers for all its stages.</summary>
public sealed record StagesNotSaved(int Rank, long Step, string Reason);
