namespace ActorTrain.Actors;

/// <summary>An <see cref="ActorRefExtensions.Ask{T}"/> got no reply in time (or its recipient was already stopped).</summary>
public sealed class AskTimeoutException(ActorPath recipient, TimeSpan timeout, string message) : TimeoutException(message)
{
    public ActorPath Recipient { get; } = recipient;

    public TimeSpan Timeout { get; } = timeout;
}
