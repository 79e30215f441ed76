namespace ActorTrain.Torch.Serialization;

/// <summary>
/// One named tensor of a safetensors file as raw bytes: row-major, little-endian, <paramref name="Data"/>
/// exactly <c>product(Shape) * DType.ElementSize()</c> bytes long. A 0-d tensor has an empty shape.
/// </summary>
public sealed record SafeTensorsEntry(string Name, ScalarType DType, long[] Shape, ReadOnlyMemory<byte> Data)
{
    /// <summary>Number of elements the shape describes; 1 for a 0-d tensor.</summary>
    public long ElementCount => SafeTensorsLayout.ElementCount(Shape);
}
