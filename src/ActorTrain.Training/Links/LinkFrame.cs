using ActorTrain.Torch;

namespace ActorTrain.Training.Links;

/// <summary>An activation or gradient with its link header, as it crosses the link; the receiver owns the payload.</summary>
public sealed record LinkFrame(LinkHeader Header, ILinkMessage Message) : ILinkMessage
{
    public long Step => Message.Step;

    public int MicroBatch => Message.MicroBatch;

    public Tensor Payload => Message.Payload;

    public ILinkMessage WithPayload(Tensor payload) => this with { Message = Message.WithPayload(payload) };

    public void DisposeTensors() => Message.DisposeTensors();
}
