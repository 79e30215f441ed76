namespace ActorTrain.Data.Datasets;

/// <summary>
/// Seeded Gaussian blobs, no files: each class has a prototype image (pixels uniform in 32..223) and a sample is its
/// class's prototype plus independent noise (standard deviation 48 grey levels), clamped to bytes. The classes are far
/// apart in 784 dimensions, so a small MLP reaches well over 95% test accuracy; the data exists to exercise training
/// and loading on machines without datasets. Only integer and IEEE basic arithmetic is used, so the bytes are the same
/// on every machine.
/// </summary>
internal static class SyntheticDataset
{
    public const string Name = "synthetic";
    private const int PrototypeLow = 32;
    private const int PrototypeHigh = 223;
    private const double NoiseStd = 48.0;
    // Four uniform 16-bit draws summed (Irwin–Hall) approximate a normal without log or cos, whose last bits vary by platform.
    private const double FourDrawMean = 2 * 65535.0;
    private static readonly double FourDrawStd = 65536.0 / Math.Sqrt(3.0);

    public static Dataset Create(DatasetRequest request)
    {
        Check(request.SyntheticTrainCount >= 1, $"synthetic train count must be at least 1, got {request.SyntheticTrainCount}");
        Check(request.SyntheticTestCount >= 1, $"synthetic test count must be at least 1, got {request.SyntheticTestCount}");
        Check(request.SyntheticClasses is >= 2 and <= 65_536, $"synthetic classes must be 2..65536, got {request.SyntheticClasses}");
        Check(request.SyntheticFeatures is >= 1 and <= 1 << 20, $"synthetic features must be 1..{1 << 20}, got {request.SyntheticFeatures}");

        var (rows, columns) = Shape(request.SyntheticFeatures);
        var seed = (ulong)request.SyntheticSeed;
        var prototypes = new byte[request.SyntheticClasses * request.SyntheticFeatures];
        var random = new SeededRandom(seed, stream: 0);
        for (var i = 0; i < prototypes.Length; i++) prototypes[i] = (byte)(PrototypeLow + random.NextInt(PrototypeHigh - PrototypeLow + 1));

        var train = Split("train", prototypes, request, Limit(request.SyntheticTrainCount, request.TrainLimit), rows, columns, new SeededRandom(seed, 1));
        var test = Split("test", prototypes, request, Limit(request.SyntheticTestCount, request.TestLimit), rows, columns, new SeededRandom(seed, 2));
        return new Dataset(Name, train, test);
    }

    private static LabeledImages Split(string split, byte[] prototypes, DatasetRequest request, int count, int rows, int columns, SeededRandom random)
    {
        var features = request.SyntheticFeatures;
        if ((long)count * features > Array.MaxLength)
            throw new DatasetException($"synthetic {split}: {count} samples x {features} features do not fit in one array");
        var pixels = new byte[count * features];
        var labels = new int[count];
        var noiseScale = NoiseStd / FourDrawStd;
        for (var n = 0; n < count; n++)
        {
            var label = random.NextInt(request.SyntheticClasses);
            labels[n] = label;
            var prototype = prototypes.AsSpan(label * features, features);
            var image = pixels.AsSpan(n * features, features);
            for (var j = 0; j < features; j++)
            {
                var bits = random.NextUInt64();
                var sum = (bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48);
                var value = prototype[j] + (sum - FourDrawMean) * noiseScale;
                image[j] = (byte)Math.Clamp((int)Math.Round(value), 0, 255);
            }
        }
        return new LabeledImages($"{Name}/{split}", pixels, labels, rows, columns, request.SyntheticClasses);
    }

    private static (int Rows, int Columns) Shape(int features)
    {
        var side = (int)Math.Round(Math.Sqrt(features));
        return side * side == features ? (side, side) : (1, features);
    }

    private static int Limit(int count, int limit) => limit > 0 ? Math.Min(count, limit) : count;

    private static void Check(bool ok, string problem)
    {
        if (!ok) throw new DatasetException(problem);
    }
}
