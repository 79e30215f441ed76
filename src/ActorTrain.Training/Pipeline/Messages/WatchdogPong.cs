namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>A stage's thread answered the watchdog.</summary>
internal sealed record WatchdogPong(int Stage);
