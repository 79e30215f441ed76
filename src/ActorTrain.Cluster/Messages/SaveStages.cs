namespace ActorTrain.Cluster.Messages;

/// <summary>The pipeline is drained: every worker writes its stages' files into <paramref name="Directory"/>, answering one StageSaved per stage.</summary>
public sealed record SaveStages(string Directory, long Step, string Mode);
