namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>Asks a drained stage to write its parameters and optimizer state to <paramref name="Path"/>; answered with <see cref="StageSaved"/>.</summary>
internal sealed record SaveStage(string Path, IReadOnlyDictionary<string, string> Metadata);
