namespace ActorTrain.Actors;

/// <summary>
/// The fault-injection seam: decides, for every user message sent with Tell to a local actor, whether it is
/// delivered, dropped, delayed, duplicated or held back for reordering. System messages (lifecycle, watch,
/// supervision) are never intercepted. Called on the sender's thread, so it must be thread-safe, quick and must not throw.
/// With no interceptor installed the send path pays one null check.
/// </summary>
public interface IMessageInterceptor
{
    InterceptDecision Intercept(IActorRef recipient, object message, IActorRef? sender);
}
