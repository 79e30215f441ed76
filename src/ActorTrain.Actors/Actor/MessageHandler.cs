namespace ActorTrain.Actors;

/// <summary>One registered handler: a type test, an optional predicate and the code to run.</summary>
internal abstract class MessageHandler
{
    public abstract bool TryHandle(object message);
}
