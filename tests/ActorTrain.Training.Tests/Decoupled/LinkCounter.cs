using System.Collections.Concurrent;
using ActorTrain.Training.Links;

namespace ActorTrain.Training.Tests.Decoupled;

/// <summary>Counts, by message type, what stages hand to their links: installed at the link seam, as profiling is.</summary>
internal sealed class LinkCounter : ILinkDecorator
{
    private readonly ConcurrentDictionary<(int From, int To, string Type), int> _counts = new();

    public IStageLink Decorate(IStageLink link) => new Counting(link, this);

    public int Count(int from, int to, string type) => _counts.GetValueOrDefault((from, to, type));

    public IReadOnlySet<string> Types => _counts.Keys.Select(k => k.Type).ToHashSet();

    public int Total => _counts.Values.Sum();

    private sealed class Counting(IStageLink inner, LinkCounter counter) : IStageLink
    {
        public int From => inner.From;

        public int To => inner.To;

        public void Send(ILinkMessage message)
        {
            counter._counts.AddOrUpdate((From, To, message.GetType().Name), 1, (_, n) => n + 1);
            inner.Send(message);
        }
    }
}
