using ActorTrain.Data.Datasets;

namespace ActorTrain.Data.Tests.Loading;

/// <summary>An in-memory split whose sample n has pixels (n * 7 + j) mod 256 and label n mod 3, so a sample can be recognised from its features.</summary>
internal static class TinySplit
{
    public static LabeledImages Make(int count, int rows = 4, int columns = 5)
    {
        var features = rows * columns;
        var pixels = new byte[count * features];
        for (var n = 0; n < count; n++)
            for (var j = 0; j < features; j++)
                pixels[n * features + j] = (byte)((n * 7 + j) % 256);
        var labels = Enumerable.Range(0, count).Select(n => n % 3).ToArray();
        return new LabeledImages("tiny/train", pixels, labels, rows, columns, classCount: 3);
    }

    public static readonly Normalization Normalization = new(0.25f, 0.5f);
}
