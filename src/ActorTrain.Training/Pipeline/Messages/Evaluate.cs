using ActorTrain.Torch;
using ActorTrain.Training.Links;

namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>A test batch travelling forward only (no autograd); the last stage answers with <see cref="EvaluationResult"/>.</summary>
public sealed record Evaluate(long Batch, Tensor Input, Tensor Labels) : ILinkMessage
{
    public long Step => Batch;

    public int MicroBatch => 0;

    public Tensor Payload => Input;

    public bool IsTrainingTraffic => false;

    public ILinkMessage WithPayload(Tensor payload) => this with { Input = payload, Labels = Labels.Clone() };

    public void DisposeTensors()
    {
        Input.Dispose();
        Labels.Dispose();
    }
}
