using ActorTrain.Training.Observability;
using Akka.Actor;

namespace ActorTrain.Training.Links;

/// <summary>
/// Builds the links between a run's stages: the transport (in process here), wrapped by every decorator in order, and
/// last by the span recorder, so a send span covers what the decorators add (a delay injected, a counter bumped).
/// </summary>
public sealed class LinkFactory(IReadOnlyList<ILinkDecorator> decorators)
{
    public static readonly LinkFactory InProcess = new([]);

    public IReadOnlyList<ILinkDecorator> Decorators => decorators;

    internal IStageLink Connect(int from, int to, IActorRef receiver, IActorRef sender, ITrainingObserver observer, TimeProvider clock)
    {
        IStageLink link = new InProcessLink(from, to, receiver, sender);
        foreach (var decorator in decorators) link = decorator.Decorate(link);
        return new ObservedLink(link, observer, clock);
    }
}
