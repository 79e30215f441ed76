using ActorTrain.Training.Observability;
using Akka.Actor;

namespace ActorTrain.Training.Links;

/// <summary>
/// Builds the links between a run's stages: the transport (in process here), wrapped by every decorator in order, then
/// (for the pipeline modes) the link protocol's sending end, the stage-side decorators, and last the span recorder, so a
/// send span covers what the decorators add (a delay injected, a counter bumped). Decorators see stamped frames, as a
/// wire would; stage-side decorators see what the stage sends before it is stamped.
/// </summary>
public sealed class LinkFactory(
    IReadOnlyList<ILinkDecorator> decorators, LinkProtocolOptions? protocol = null, IReadOnlyList<IStageOutputDecorator>? stageSide = null)
{
    public static readonly LinkFactory InProcess = new([]);

    public IReadOnlyList<ILinkDecorator> Decorators => decorators;

    public LinkProtocolOptions Protocol { get; } = protocol ?? LinkProtocolOptions.Default;

    /// <summary>The same links under another generation: a rollback's, so frames of the generation before are stale.</summary>
    public LinkFactory WithGeneration(long generation) => new(decorators, Protocol with { Generation = generation }, stageSide);

    /// <summary>A link without the protocol: messages go as they are (the decoupled mode, tests that wire stages by hand).</summary>
    internal IStageLink Connect(int from, int to, IActorRef receiver, IActorRef sender, ITrainingObserver observer, TimeProvider clock) =>
        new ObservedLink(Decorated(new InProcessLink(from, to, receiver, sender)), observer, clock);

    /// <summary>A link with the protocol's sending end; the receiver needs an <see cref="Inbox"/>.</summary>
    internal IStageLink ConnectSequenced(int from, int to, IActorRef receiver, IActorRef sender, IScheduler scheduler, ITrainingObserver observer, TimeProvider clock) =>
        ConnectSequenced(new InProcessLink(from, to, receiver, sender), sender, scheduler, observer, clock);

    /// <summary>
    /// The same over another <paramref name="transport"/> (Gloo to a stage in another process); <paramref name="sender"/>
    /// is the sending stage's actor, which hears the protocol's answers and timers.
    /// </summary>
    internal IStageLink ConnectSequenced(IStageLink transport, IActorRef sender, IScheduler scheduler, ITrainingObserver observer, TimeProvider clock) =>
        new ObservedLink(StageSide(new ReliableLink(Decorated(transport), Protocol, sender, scheduler, observer, clock)), observer, clock);

    /// <summary>The protocol's receiving end for stage <paramref name="stage"/>, whose actor is <paramref name="self"/>.</summary>
    internal LinkInbox Inbox(int stage, IActorRef self, IScheduler scheduler, ITrainingObserver observer, TimeProvider clock) =>
        new(stage, Protocol, self, scheduler, observer, clock);

    private IStageLink StageSide(IStageLink link)
    {
        foreach (var decorator in stageSide ?? []) link = decorator.Decorate(link, Protocol.Generation);
        return link;
    }

    private IStageLink Decorated(IStageLink transport)
    {
        var link = transport;
        foreach (var decorator in decorators) link = decorator.Decorate(link);
        return link;
    }
}
