namespace ActorTrain.Actors;

/// <summary>The /user actor: parent of every top-level actor. It takes no messages of its own.</summary>
internal sealed class GuardianActor : ActorBase
{
    internal override Behavior InitialBehavior { get; } = static _ => false;
}
