using System.Security.Cryptography;
using System.Text;
using ActorTrain.Torch;
using ActorTrain.Torch.Serialization;
using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Faults;

/// <summary>
/// SHA-256 over every tensor of a checkpoint (each stage file in name order, each tensor's name, dtype, shape and raw
/// values): two runs ended with bit-identical weights and optimizer state exactly when their digests are equal.
/// </summary>
public static class WeightDigest
{
    /// <param name="directory">A checkpoint directory, or a run directory (its newest committed checkpoint).</param>
    public static string Of(string directory)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(CheckpointDirectory.Resolve(directory), "stage-*.safetensors").Order(StringComparer.Ordinal))
        {
            var (tensors, _) = Checkpoint.Load(file);
            foreach (var (name, tensor) in tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                using (tensor)
                {
                    sha.AppendData(Encoding.UTF8.GetBytes($"{Path.GetFileName(file)}/{name}:{tensor.DType}[{string.Join(',', tensor.Shape)}]"));
                    sha.AppendData(Bytes(tensor));
                }
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static byte[] Bytes(Tensor t)
    {
        switch (t.DType)
        {
            case ScalarType.Float32:
                var f = t.ToArrayFloat();
                return System.Runtime.InteropServices.MemoryMarshal.AsBytes(f.AsSpan()).ToArray();
            case ScalarType.Int64:
                var l = t.ToArrayLong();
                return System.Runtime.InteropServices.MemoryMarshal.AsBytes(l.AsSpan()).ToArray();
            default:
                using (var d = t.To(ScalarType.Float64))
                {
                    var a = d.ToArrayDouble();
                    return System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()).ToArray();
                }
        }
    }
}
