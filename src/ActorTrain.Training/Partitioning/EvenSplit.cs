namespace ActorTrain.Training.Partitioning;

/// <summary>Cuts a count into parts whose sizes differ by at most one, the first parts taking the remainder.</summary>
internal static class EvenSplit
{
    public static int[] Sizes(int count, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        var sizes = new int[parts];
        for (var i = 0; i < parts; i++) sizes[i] = count / parts + (i < count % parts ? 1 : 0);
        return sizes;
    }

    /// <summary>Where part <paramref name="index"/> starts.</summary>
    public static int Offset(int count, int parts, int index) =>
        index * (count / parts) + Math.Min(index, count % parts);
}
