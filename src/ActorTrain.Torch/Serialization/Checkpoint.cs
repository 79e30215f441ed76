using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch.Serialization;

/// <summary>
/// Saves and loads named tensors (a state dictionary, optimizer state) as a checksummed safetensors
/// file through <see cref="SafeTensorsFile"/>. Each tensor's bytes are copied once each way: out of
/// libtorch into the file buffer on save, and from the file buffer into a new tensor on load.
/// </summary>
public static class Checkpoint
{
    /// <summary>
    /// Writes the tensors (any device; read back on the CPU) in the given order, atomically replacing
    /// <paramref name="path"/>. The caller keeps ownership of the tensors.
    /// </summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        SafeTensorsFile.Write(path, tensors.Select(p => ToEntry(p.Key, p.Value)).ToList(), metadata);
    }

    /// <summary>What <see cref="Save"/> would write, as bytes in memory; the caller keeps ownership of the tensors.</summary>
    public static byte[] ToBytes(IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        return SafeTensorsFile.ToBytes(tensors.Select(p => ToEntry(p.Key, p.Value)).ToList(), metadata);
    }

    /// <summary>Reads bytes made by <see cref="ToBytes"/> into new CPU tensors, as <see cref="Load"/> reads a file.</summary>
    public static (Dictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) FromBytes(byte[] bytes, string source) =>
        ToTensors(SafeTensorsFile.Read(bytes, source));

    /// <summary>
    /// Reads a checkpoint written by <see cref="Save"/> into new CPU tensors, which the caller owns and
    /// disposes. A damaged file throws <see cref="CheckpointFormatException"/> before any tensor is made.
    /// </summary>
    public static (Dictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Load(string path) =>
        ToTensors(SafeTensorsFile.Read(path));

    private static (Dictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) ToTensors(SafeTensorsContent content)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in content.Entries) tensors.Add(entry.Name, ToTensor(entry));
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return (tensors, content.Metadata);
    }

    private static unsafe SafeTensorsEntry ToEntry(string name, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        var dtype = tensor.DType;
        if (!Enum.IsDefined(dtype)) throw new ArgumentException($"tensor '{name}' has a dtype (c10 code {(int)dtype}) that checkpoints do not store", nameof(tensor));
        var shape = tensor.Shape;
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)SafeTensorsLayout.ByteLength(dtype, shape)));
        fixed (byte* p = bytes)
            Native.Check(NativeMethods.at_tensor_copy_to(tensor.Handle, (int)dtype, p, bytes.Length));
        return new SafeTensorsEntry(name, dtype, shape, bytes);
    }

    private static unsafe Tensor ToTensor(SafeTensorsEntry entry)
    {
        var data = entry.Data.Span;
        fixed (byte* d = data)
        fixed (long* s = entry.Shape)
            return Tensor.Result(NativeMethods.at_tensor_from_data(d, data.Length, s, entry.Shape.Length, (int)entry.DType, out var r), r);
    }
}
