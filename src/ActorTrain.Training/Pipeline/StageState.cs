using ActorTrain.Torch;
using ActorTrain.Torch.Serialization;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// A stage's checkpoint file: its parameters and buffers under "model." and its optimizer state under "optim.",
/// in one safetensors file whose checksum is verified on load.
/// </summary>
public static class StageState
{
    private const string ModelPrefix = "model.";
    private const string OptimizerPrefix = "optim.";

    public static void Save(string path, PipelineStage stage, IReadOnlyDictionary<string, string> metadata)
    {
        var tensors = stage.Layers.StateDict().Select(p => new KeyValuePair<string, Tensor>(ModelPrefix + p.Key, p.Value))
            .Concat(stage.Optimizer.StateDict().Select(p => new KeyValuePair<string, Tensor>(OptimizerPrefix + p.Key, p.Value)));
        Checkpoint.Save(path, tensors, metadata);
    }

    /// <param name="optimizer">Whether to restore the optimizer state as well; without it the optimizer starts fresh.</param>
    public static void Load(string path, PipelineStage stage, bool optimizer = true)
    {
        var (tensors, _) = Checkpoint.Load(path);
        try
        {
            stage.Layers.LoadStateDict(Select(tensors, ModelPrefix));
            if (optimizer) stage.Optimizer.LoadStateDict(Select(tensors, OptimizerPrefix));
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    private static Dictionary<string, Tensor> Select(IReadOnlyDictionary<string, Tensor> all, string prefix) =>
        all.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value);
}
