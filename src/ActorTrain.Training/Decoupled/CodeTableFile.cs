using ActorTrain.Torch;
using ActorTrain.Torch.Serialization;

namespace ActorTrain.Training.Decoupled;

/// <summary>
/// The code tables of a decoupled run inside a checkpoint directory: one file, one tensor "codes.{boundary}" per
/// boundary, beside the stage files (which keep the sync layout, so sync mode can continue from them). A resumed or
/// evaluated model reads its codes back from here instead of drawing them again.
/// </summary>
internal static class CodeTableFile
{
    public const string FileName = "codes.safetensors";
    private const string Prefix = "codes.";

    public static void Save(string directory, IEnumerable<SyntheticLabelTable> tables)
    {
        var tensors = tables.Select(t => new KeyValuePair<string, Tensor>(t.TensorName, t.ToTensor())).ToList();
        try
        {
            Checkpoint.Save(Path.Combine(directory, FileName), tensors);
        }
        finally
        {
            foreach (var (_, t) in tensors) t.Dispose();
        }
    }

    /// <summary>Every table in the directory by boundary; none for a checkpoint written by another mode.</summary>
    public static IReadOnlyDictionary<int, SyntheticLabelTable> Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return new Dictionary<int, SyntheticLabelTable>();
        var (tensors, _) = Checkpoint.Load(path);
        try
        {
            return tensors.Where(p => p.Key.StartsWith(Prefix, StringComparison.Ordinal))
                .Select(p => SyntheticLabelTable.FromTensor(int.Parse(p.Key[Prefix.Length..], System.Globalization.CultureInfo.InvariantCulture), p.Value))
                .ToDictionary(t => t.Boundary);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }
}
