namespace ActorTrain.Torch.Serialization;

/// <summary>Element and byte counts of a shape, with overflow checked: a header is untrusted input.</summary>
internal static class SafeTensorsLayout
{
    public static long ElementCount(IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0) throw new ArgumentException($"shape [{string.Join(", ", shape)}] has a negative dimension");
            count = checked(count * dim);
        }
        return count;
    }

    public static long ByteLength(ScalarType type, IReadOnlyList<long> shape) => checked(ElementCount(shape) * type.ElementSize());

    public static string Describe(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";
}
