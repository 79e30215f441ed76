using ActorTrain.Config.Settings;
using ActorTrain.Data.Loading;
using ActorTrain.Torch;
using ActorTrain.Torch.NN;
using ActorTrain.Training.Model;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.DataParallel;

/// <summary>
/// A model held whole by one actor (a data-parallel replica, the IST parameter server): its blocks in one
/// <see cref="Sequential"/>, so parameter names are "block.layer.name", and a forward-only pass over the test split.
/// </summary>
internal static class WholeModel
{
    /// <summary>
    /// Builds every block in order from a private generator seeded with <paramref name="seed"/>: the same weights as
    /// <see cref="ModelBuilder.BuildBlocks"/> (which seeds libtorch's global generator), but other threads drawing
    /// random numbers at the same time (another run, a test) can neither change them nor be changed by them.
    /// </summary>
    public static Sequential Build(ModelSpec spec, long seed)
    {
        using var generator = new Generator(seed);
        return new([.. spec.Blocks.Select(b => Build(b, generator))]);
    }

    private static Sequential Build(BlockSpec block, Generator generator)
    {
        var modules = new List<Module>();
        IReadOnlyList<int> shape = block.InputShape;
        for (var i = 0; i < block.Layers.Count; i++)
        {
            var layer = block.Layers[i];
            modules.Add(layer.Kind switch
            {
                LayerKind.Linear => new Linear(shape[0], layer.Units, layer.Bias, generator),
                LayerKind.Conv => new Conv2d(shape[0], layer.Units, layer.Kernel, bias: layer.Bias, generator: generator),
                LayerKind.BatchNorm => new BatchNorm1d(shape[0], affine: layer.Affine),
                LayerKind.Relu => new ReLU(),
                LayerKind.Gelu => new GELU(),
                LayerKind.Tanh => new Tanh(),
                LayerKind.Sigmoid => new Sigmoid(),
                LayerKind.Dropout => new Dropout(layer.Rate),
                LayerKind.MaxPool => new MaxPool2d(layer.Kernel),
                LayerKind.Flatten => new Flatten(),
                _ => throw new ModelSpecException($"layer \"{layer.Text}\" cannot be built"),
            });
            shape = ShapeInference.OutputShape(layer, shape, i);
        }
        return new Sequential([.. modules]);
    }

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
