namespace ActorTrain.Cluster.Messages;

/// <summary>A survivor's stages of the previous generation are gone: it can be placed under <paramref name="Generation"/>.</summary>
public sealed record StagesReleased(int Generation);
