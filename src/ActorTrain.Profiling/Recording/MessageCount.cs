namespace ActorTrain.Profiling.Recording;

/// <summary>How many messages of one type an actor was sent and handled, and the time its handlers took.</summary>
/// <param name="MaxQueued">The most messages (of any type) waiting in the actor's mailbox at once.</param>
internal sealed record MessageCount(string Actor, string Type, long Posted, long Processed, double ProcessingMs, long MaxQueued);
