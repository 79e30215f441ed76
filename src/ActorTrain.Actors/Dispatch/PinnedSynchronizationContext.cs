namespace ActorTrain.Actors;

/// <summary>Sends await continuations back to the pinned thread they started on.</summary>
internal sealed class PinnedSynchronizationContext(PinnedThread thread) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => thread.Post(d, state);

    public override SynchronizationContext CreateCopy() => this;
}
