using System.Collections.Concurrent;
using ActorTrain.Actors;

namespace ActorTrain.Training.Tests.Decoupled;

/// <summary>Counts the user messages posted to each decoupled stage actor, by message type, through the runtime's mailbox seam.</summary>
internal sealed class MessageCounter : IMailboxObserver
{
    private readonly ConcurrentDictionary<(string Stage, string Type), int> _counts = new();

    public void OnPosted(ActorPath recipient, object message)
    {
        if (recipient.Name.StartsWith("stage-", StringComparison.Ordinal))
            _counts.AddOrUpdate((recipient.Name, message.GetType().Name), 1, (_, n) => n + 1);
    }

    public void OnDequeued(ActorPath recipient, object message) { }

    public void OnProcessed(ActorPath recipient, object message, TimeSpan duration) { }

    public int Count(string stage, string type) => _counts.GetValueOrDefault((stage, type));

    public IReadOnlySet<string> TypesPostedToStages => _counts.Keys.Select(k => k.Type).ToHashSet();
}
