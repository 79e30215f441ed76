using ActorTrain.Training.Options;

namespace ActorTrain.Training.Checkpoints;

/// <summary>
/// What a checkpoint needs besides its tensors to be continued faithfully: the model layer by layer (a preset name alone
/// hides a changed activation), how batches were formed, whose optimizer state it holds, the data it was part way through,
/// and a fingerprint of the whole resolved configuration. A manifest written before these were recorded has none.
/// </summary>
public sealed record TrainingRecipe(
    string[] Layers,
    int[] Input,
    int Classes,
    int BatchSize,
    int MicroBatches,
    string Optimizer,
    string Dataset,
    int TrainSamples,
    string ConfigFingerprint)
{
    public static TrainingRecipe Of(TrainingOptions options) => new(
        options.Model.Blocks.SelectMany(b => b.Layers).Select(l => l.Text).ToArray(),
        options.Model.InputShape,
        options.Model.Classes,
        options.BatchSize,
        options.Pipeline.MicroBatches,
        options.Optimizer.Type,
        options.Dataset,
        options.TrainSamples,
        options.ConfigFingerprint);

    /// <summary>The model as one line: "custom 784 -> [linear 64, relu, linear 10]".</summary>
    public string DescribeModel(string name) =>
        $"{name} {string.Join('x', Input)} -> [{string.Join(", ", Layers)}]";
}
