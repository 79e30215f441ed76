using ActorTrain.Torch;
using ActorTrain.Training.Decoupled.Messages;
using ActorTrain.Training.Links;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Cluster.Links;

/// <summary>
/// A decoupled stage's boundary to its successor on another worker, over a <see cref="GlooLink"/>. Only two things
/// ever cross it: the sequential variant's detached outputs and test batches chained at inference. They travel as the
/// pipeline's Forward and Evaluate, so one header format serves every mode; <see cref="Received"/> turns them back into
/// decoupled messages on the receiving worker.
/// </summary>
internal sealed class DecoupledGlooLink(GlooLink wire) : IStageLink
{
    public int From => wire.From;

    public int To => wire.To;

    public void Send(ILinkMessage message) => wire.Send(message switch
    {
        StageActivation a => new Forward(a.FromStage, a.Step, 0, a.Meta, a.Activation),
        // The wire leaves labels behind (the receiver reads its own); Evaluate still needs a tensor to dispose once sent.
        EvaluateBatch e => new Evaluate(e.Batch, e.Payload, Tensor.FromSpan(e.Labels, [e.Labels.Length])),
        _ => throw new NotSupportedException($"{message.GetType().Name} does not cross processes in a clustered decoupled run"),
    });

    /// <summary>
    /// What arrived over the wire as a decoupled stage's message; the receiver owns its tensor. A test batch carries
    /// the labels this worker read for it and no sample indices: only the first stage reads samples.
    /// </summary>
    public static ILinkMessage Received(ILinkMessage message)
    {
        switch (message)
        {
            case Forward f:
                return new StageActivation(f.FromStage, f.Step, f.Meta, f.Activation);
            case Evaluate e:
                using (e.Labels) return new EvaluateBatch(e.Batch, [], e.Labels.ToArrayLong(), e.Input);
            default:
                message.DisposeTensors();
                throw new InvalidDataException($"a decoupled stage never receives {message.GetType().Name} from another process");
        }
    }
}
