using ActorTrain.Torch;
using ActorTrain.Torch.Serialization;

namespace ActorTrain.Training.Decoupled;

/// <summary>
/// A decoupled stage's checkpoint file: the same "model." and "optim." entries as a sync stage's file (so sync mode
/// can continue from it) plus the code tables the stage reads and learns, as "codes.{boundary}", so a resumed or
/// evaluated model uses the very same codes.
/// </summary>
internal static class DecoupledStageState
{
    private const string ModelPrefix = "model.";
    private const string OptimizerPrefix = "optim.";

    public static void Save(string path, DecoupledStage stage, IReadOnlyDictionary<string, string> metadata)
    {
        var tables = new[] { stage.InputCodes, stage.TargetCodes }.OfType<SyntheticLabelTable>()
            .Select(t => new KeyValuePair<string, Tensor>(t.TensorName, t.ToTensor())).ToList();
        try
        {
            var tensors = stage.Stage.Layers.StateDict().Select(p => new KeyValuePair<string, Tensor>(ModelPrefix + p.Key, p.Value))
                .Concat(stage.Stage.Optimizer.StateDict().Select(p => new KeyValuePair<string, Tensor>(OptimizerPrefix + p.Key, p.Value)))
                .Concat(tables);
            Checkpoint.Save(path, tensors, metadata);
        }
        finally
        {
            foreach (var (_, t) in tables) t.Dispose();
        }
    }

    /// <summary>Every code table stored in a stage file, by boundary.</summary>
    public static Dictionary<int, SyntheticLabelTable> LoadCodes(string path) =>
        Read(path, tensors => tensors
            .Where(p => p.Key.StartsWith("codes.", StringComparison.Ordinal))
            .Select(p => (Boundary: int.Parse(p.Key["codes.".Length..], System.Globalization.CultureInfo.InvariantCulture), p.Value))
            .ToDictionary(p => p.Boundary, p => SyntheticLabelTable.FromTensor(p.Boundary, p.Value)));

    /// <summary>Restores the stage's parameters, and its optimizer state unless the mode starts with a fresh one.</summary>
    public static void LoadWeights(string path, Pipeline.PipelineStage stage, bool optimizerState) =>
        Read(path, tensors =>
        {
            stage.Layers.LoadStateDict(Select(tensors, ModelPrefix));
            if (optimizerState) stage.Optimizer.LoadStateDict(Select(tensors, OptimizerPrefix));
            return 0;
        });

    private static T Read<T>(string path, Func<IReadOnlyDictionary<string, Tensor>, T> use)
    {
        var (tensors, _) = Checkpoint.Load(path);
        try
        {
            return use(tensors);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    private static Dictionary<string, Tensor> Select(IReadOnlyDictionary<string, Tensor> all, string prefix) =>
        all.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value);
}
