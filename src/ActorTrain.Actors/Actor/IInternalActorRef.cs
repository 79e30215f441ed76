namespace ActorTrain.Actors;

/// <summary>What the runtime needs from a ref beyond <see cref="IActorRef"/>: its system and a system-message channel.</summary>
internal interface IInternalActorRef : IActorRef
{
    ActorSystem System { get; }

    bool IsTerminated { get; }

    /// <summary>Delivers a runtime message ahead of every user message; never blocks.</summary>
    void SendSystemMessage(SystemMessage message);
}
