using ActorTrain.Torch;
using ActorTrain.Torch.NN;

namespace ActorTrain.Training.Pipeline;

/// <summary>Summed cross-entropy and correct predictions of a batch of logits.</summary>
internal static class Scoring
{
    public static (double LossSum, int Correct) Score(Tensor logits, Tensor labels)
    {
        using var _ = Torch.Torch.NoGrad();
        using var mean = Functional.CrossEntropy(logits, labels);
        return (mean.ToScalarDouble() * labels.Size(0), Correct(logits, labels));
    }

    public static int Correct(Tensor logits, Tensor labels)
    {
        using var predicted = logits.Argmax(1);
        using var hits = predicted.Eq(labels);
        using var correct = hits.Sum();
        return (int)correct.ToScalarLong();
    }
}
