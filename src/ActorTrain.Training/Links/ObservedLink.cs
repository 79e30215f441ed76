using ActorTrain.Training.Observability;

namespace ActorTrain.Training.Links;

/// <summary>The outermost wrapper of every link: records each send as a span with its payload bytes on the sender's lane.</summary>
internal sealed class ObservedLink(IStageLink inner, ITrainingObserver observer, TimeProvider clock) : IStageLink
{
    public int From => inner.From;

    public int To => inner.To;

    public void Send(ILinkMessage message)
    {
        if (!message.IsTrainingTraffic)
        {
            inner.Send(message);
            return;
        }
        // Read before sending: the receiver owns the tensor from then on and may already have disposed it.
        var (step, mb, bytes) = (message.Step, message.MicroBatch, message.Payload.NBytes);
        var start = clock.GetTimestamp();
        inner.Send(message);
        observer.OnSpan(new Span(From, SpanKind.Send, step, mb, start, clock.GetTimestamp(), bytes));
    }

    public void Control(ILinkControl message) => inner.Control(message);

    public void Close() => inner.Close();
}
