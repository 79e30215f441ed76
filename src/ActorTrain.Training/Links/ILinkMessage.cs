using ActorTrain.Torch;

namespace ActorTrain.Training.Links;

/// <summary>A tensor crossing a stage boundary (an activation or a gradient): what a link carries. The receiver owns <see cref="Payload"/>.</summary>
public interface ILinkMessage : IOwnsTensors
{
    long Step { get; }

    int MicroBatch { get; }

    Tensor Payload { get; }

    /// <summary>The same message around another payload (a copy kept for resending, a duplicate, a corrupted one).</summary>
    ILinkMessage WithPayload(Tensor payload);

    /// <summary>Whether profiles count it as boundary traffic (training activations and gradients; not inference batches).</summary>
    bool IsTrainingTraffic => true;

    void IOwnsTensors.DisposeTensors() => Payload.Dispose();
}
