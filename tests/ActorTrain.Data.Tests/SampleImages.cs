using ActorTrain.Data.Idx;

namespace ActorTrain.Data.Tests;

/// <summary>
/// Small MNIST-shaped data with recognisable content: pixel (r, c) of image n is (n * 7 + r * 3 + c) mod 256 and
/// label n is n mod classes, shifted by the first label the layout uses.
/// </summary>
internal static class SampleImages
{
    public const int Side = 28;
    public const int Features = Side * Side;

    public static byte[] Pixels(int count)
    {
        var pixels = new byte[count * Features];
        for (var n = 0; n < count; n++)
            for (var r = 0; r < Side; r++)
                for (var c = 0; c < Side; c++)
                    pixels[n * Features + r * Side + c] = Pixel(n, r, c);
        return pixels;
    }

    public static byte Pixel(int n, int r, int c) => (byte)((n * 7 + r * 3 + c) % 256);

    public static byte[] Labels(int count, int classes, int firstLabel = 0) =>
        Enumerable.Range(0, count).Select(n => (byte)(n % classes + firstLabel)).ToArray();

    /// <summary>Writes train and test files named stem-images-idx3-ubyte(.gz) / stem-labels-idx1-ubyte(.gz).</summary>
    public static void WriteSplit(string directory, string stem, int count, int classes, int firstLabel = 0, bool gzip = false, bool transposed = false)
    {
        var pixels = Pixels(count);
        if (transposed) pixels = Transposed(pixels, count);
        var suffix = gzip ? ".gz" : "";
        IdxWriter.WriteImages(Path.Combine(directory, stem + "-images-idx3-ubyte" + suffix), pixels, count, Side, Side, gzip);
        IdxWriter.WriteLabels(Path.Combine(directory, stem + "-labels-idx1-ubyte" + suffix), Labels(count, classes, firstLabel), gzip);
    }

    private static byte[] Transposed(byte[] pixels, int count)
    {
        var result = new byte[pixels.Length];
        for (var n = 0; n < count; n++)
            for (var r = 0; r < Side; r++)
                for (var c = 0; c < Side; c++)
                    result[n * Features + c * Side + r] = pixels[n * Features + r * Side + c];
        return result;
    }
}
