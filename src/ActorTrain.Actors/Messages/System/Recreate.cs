namespace ActorTrain.Actors;

/// <summary>The supervisor's Restart: replace the actor instance. <paramref name="Message"/> is the failing message, if this cell failed.</summary>
internal sealed record Recreate(Exception Cause, object? Message) : SystemMessage;
