using Serilog;

namespace ActorTrain.Actors;

/// <summary>An actor's view of the runtime. Use it only from the actor's own handlers and hooks.</summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed; <see cref="ActorSystem.DeadLetters"/> when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    /// <summary>Children that are alive and not being stopped.</summary>
    IReadOnlyList<IActorRef> Children { get; }

    ActorSystem System { get; }

    Props Props { get; }

    /// <summary>The system's logger with this actor's path as the <c>ActorPath</c> property.</summary>
    ILogger Log { get; }

    IActorRef? Child(string name);

    /// <summary>Creates a child; a null name picks a unique one. Throws <see cref="InvalidActorNameException"/> on a taken name.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops <paramref name="actor"/> (usually a child or Self) after the message it is processing.</summary>
    void Stop(IActorRef actor);

    /// <summary>Asks for one <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Cancels a watch; a <see cref="Terminated"/> already queued for it is dropped too.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behavior.</summary>
    void Become(Behavior behavior);

    /// <summary>Pushes a behavior; <see cref="Unbecome"/> returns to the one below.</summary>
    void BecomeStacked(Behavior behavior);

    void Unbecome();
}
