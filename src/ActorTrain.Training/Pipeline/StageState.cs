using ActorTrain.Torch;
using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using ActorTrain.Torch.Serialization;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// A stage's checkpoint file: its parameters and buffers under "model." and its optimizer state under "optim.",
/// in one safetensors file whose checksum is verified on load (<see cref="Checkpoints.SavedModel"/> reads it back into any cut).
/// </summary>
internal static class StageState
{
    internal const string ModelPrefix = "model.";
    internal const string OptimizerPrefix = "optim.";

    public static void Save(string path, PipelineStage stage, IReadOnlyDictionary<string, string> metadata) =>
        Save(path, stage.Layers, stage.Optimizer, metadata);

    /// <summary>The same file for any blocks and their optimizer: a model held whole (ist, dp) saves as a one-stage pipeline.</summary>
    public static void Save(string path, Module layers, Optimizer optimizer, IReadOnlyDictionary<string, string> metadata)
    {
        var tensors = layers.StateDict().Select(p => new KeyValuePair<string, Tensor>(ModelPrefix + p.Key, p.Value))
            .Concat(optimizer.StateDict().Select(p => new KeyValuePair<string, Tensor>(OptimizerPrefix + p.Key, p.Value)));
        Checkpoint.Save(path, tensors, metadata);
    }
}
