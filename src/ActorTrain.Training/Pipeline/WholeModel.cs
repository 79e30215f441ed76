using ActorTrain.Data.Loading;
using ActorTrain.Torch;
using ActorTrain.Torch.NN;
using ActorTrain.Training.Model;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// A model held whole by one actor (a data-parallel replica, the IST parameter server): its blocks in one
/// <see cref="Sequential"/>, so parameter names are "block.layer.name", and a forward-only pass over the test split.
/// </summary>
internal static class WholeModel
{
    /// <summary>The filled rows of <paramref name="batch"/> from <paramref name="first"/> on, as a [count, features] tensor (a copy).</summary>
    public static Tensor Features(Batch batch, int first, int count) =>
        Tensor.FromSpan(batch.Features.AsSpan(first * batch.FeatureCount, count * batch.FeatureCount), [count, batch.FeatureCount]);

    public static Tensor Labels(Batch batch, int first, int count) =>
        Tensor.FromSpan(batch.Labels.AsSpan(first, count), [count]);

    /// <summary>
    /// Mean test loss and accuracy of <paramref name="model"/> in whatever mode it is in (train mode makes batch norm use
    /// the batch's statistics). No gradients are recorded.
    /// </summary>
    public static (double Loss, double Accuracy) Evaluate(Module model, BatchLoader test)
    {
        using var _ = Torch.Torch.NoGrad();
        var batch = test.CreateBatch();
        double lossSum = 0;
        long correct = 0, count = 0;
        for (var b = 0; b < test.BatchesPerEpoch; b++)
        {
            test.Fill(0, b, batch);
            using var input = Features(batch, 0, batch.Count);
            using var labels = Labels(batch, 0, batch.Count);
            using var logits = model.Forward(input);
            var (loss, hits) = Scoring.Score(logits, labels);
            lossSum += loss;
            correct += hits;
            count += batch.Count;
        }
        return count == 0 ? (0, 0) : (lossSum / count, (double)correct / count);
    }
}
