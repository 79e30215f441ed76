namespace ActorTrain.Actors;

/// <summary>A parent's record of one child: its ref, whether it is being stopped, and its restart history.</summary>
internal sealed class ChildEntry(LocalActorRef child)
{
    public LocalActorRef Ref { get; } = child;

    /// <summary>Set once a stop was sent; the name stays taken until the child reports that it has stopped.</summary>
    public bool Stopping { get; set; }

    public ChildRestartStats Stats { get; } = new();
}
