namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>The stage's checkpoint file is on disk.</summary>
internal sealed record StageSaved(int Stage, string Path);
