namespace ActorTrain.Training.DataParallel.Messages;

/// <summary>Coordinator to replica at the end of a run: answer <see cref="Drained"/> once everything sent before this is applied.</summary>
internal sealed record Drain;
