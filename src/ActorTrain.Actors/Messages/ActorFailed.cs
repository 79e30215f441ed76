namespace ActorTrain.Actors;

/// <summary>
/// A supervisor's decision about a failed child, published on the event stream and passed to the supervisor's
/// <c>OnChildFailure</c>. <paramref name="Message"/> is the message the child was processing (null when it failed
/// starting or restarting); it is never retried automatically, so a supervisor that wants it re-driven sends it again.
/// </summary>
public sealed record ActorFailed(IActorRef Actor, Exception Cause, object? Message, Directive Directive);
