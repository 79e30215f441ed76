using ActorTrain.Config.Settings;
using ActorTrain.Data;
using ActorTrain.Torch;

namespace ActorTrain.Training.Decoupled;

/// <summary>
/// The synthetic intermediate labels of one stage boundary: one code vector per class (C x d, row-major). A table is
/// drawn once from (run seed, boundary) with <see cref="SeededRandom"/> and only IEEE basic arithmetic, so every
/// process on every machine draws the same codes, and it travels in checkpoints as the tensor "codes.{boundary}".
/// </summary>
internal sealed class SyntheticLabelTable
{
    // Keeps code streams apart from the loader's per-epoch shuffle streams of the same seed.
    private const ulong StreamBase = 0xC0DE_0000_0000_0000;
    private const double DegenerateNorm = 1e-6;

    private readonly float[] _codes;

    private SyntheticLabelTable(int boundary, int classes, int width, float[] codes)
    {
        Boundary = boundary;
        Classes = classes;
        Width = width;
        _codes = codes;
        ClosestPairDistance = ClosestPair(codes, classes, width);
    }

    /// <summary>The boundary after stage <see cref="Boundary"/>: stage k learns to output these codes, stage k + 1 reads them.</summary>
    public int Boundary { get; }
    public int Classes { get; }
    public int Width { get; }
    public ReadOnlySpan<float> Codes => _codes;

    /// <summary>Euclidean distance between the two nearest classes' codes (infinite with one class).</summary>
    public double ClosestPairDistance { get; }

    /// <summary>The checkpoint name of this table.</summary>
    public string TensorName => TensorNameOf(Boundary);

    public static string TensorNameOf(int boundary) => $"codes.{boundary.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public ReadOnlySpan<float> Code(int label) => _codes.AsSpan(label * Width, Width);

    /// <summary>
    /// Draws the table of <paramref name="boundary"/>, redrawing (from the same stream, so still deterministic) while its
    /// closest pair of codes is not farther apart than <see cref="DecoupledSettings.MinCodeDistance"/>.
    /// </summary>
    public static SyntheticLabelTable Draw(long seed, int boundary, int classes, int width, DecoupledSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(boundary);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        CheckScale(settings);

        var random = new SeededRandom((ulong)seed, StreamBase + (ulong)boundary);
        var closest = 0.0;
        for (var attempt = 0; attempt < Math.Max(1, settings.MaxRedraws); attempt++)
        {
            var codes = Sample(random, classes, width, settings.Codes);
            if (codes is null) continue;
            var scaled = new float[codes.Length];
            for (var i = 0; i < codes.Length; i++) scaled[i] = (float)(codes[i] * settings.CodeScale);
            var table = new SyntheticLabelTable(boundary, classes, width, scaled);
            if (table.ClosestPairDistance > settings.MinCodeDistance) return table;
            closest = Math.Max(closest, table.ClosestPairDistance);
        }
        throw new ArgumentException(
            $"actortrain.decoupled.min-code-distance = {settings.MinCodeDistance}: no {settings.Codes} code table for boundary {boundary} " +
            $"({classes} classes x {width}) had its closest pair farther apart in {settings.MaxRedraws} draws (best {closest:G4}); " +
            "lower min-code-distance or raise code-scale or max-redraws");
    }

    /// <exception cref="ArgumentException">decoupled.code-scale is not positive, or above 1 for uniform codes learnt through a sigmoid.</exception>
    public static void CheckScale(DecoupledSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!(settings.CodeScale > 0)) throw new ArgumentException($"actortrain.decoupled.code-scale = {settings.CodeScale}: must be positive");
        if (settings.Codes == CodeDistribution.Uniform && settings.StageEnd == DecoupledStageEnd.Linear && settings.CodeScale > 1)
            throw new ArgumentException(
                $"actortrain.decoupled.code-scale = {settings.CodeScale}: uniform codes are learnt through a sigmoid, so the scale must be at most 1 (or set stage-end = model)");
    }

    /// <summary>A [Classes, Width] float32 copy of the codes, owned by the caller.</summary>
    public Tensor ToTensor() => Tensor.FromSpan(_codes, [Classes, Width]);

    /// <summary>Reads back a table written with <see cref="ToTensor"/> (from a checkpoint).</summary>
    public static SyntheticLabelTable FromTensor(int boundary, Tensor codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Dim != 2 || codes.DType != ScalarType.Float32)
            throw new ArgumentException($"{TensorNameOf(boundary)} must be a [classes, width] Float32 tensor, got {codes}");
        return new SyntheticLabelTable(boundary, (int)codes.Size(0), (int)codes.Size(1), codes.ToArrayFloat());
    }

    /// <summary>Row-major codes before scaling, or null for a degenerate orthogonal draw (a row dependent on the others).</summary>
    private static double[]? Sample(SeededRandom random, int classes, int width, CodeDistribution distribution)
    {
        var codes = new double[classes * width];
        for (var i = 0; i < codes.Length; i++)
            codes[i] = distribution == CodeDistribution.Uniform ? random.NextDouble() : StandardNormal(random);
        return distribution == CodeDistribution.Orthogonal && !Orthonormalize(codes, classes, width) ? null : codes;
    }

    /// <summary>
    /// Modified Gram–Schmidt over the rows; with fewer dimensions than classes rows cannot all be orthogonal, so the
    /// rows past the width are only normalised.
    /// </summary>
    private static bool Orthonormalize(double[] codes, int classes, int width)
    {
        for (var c = 0; c < classes; c++)
        {
            var row = codes.AsSpan(c * width, width);
            for (var p = 0; p < (c < width ? c : 0); p++)
            {
                var previous = codes.AsSpan(p * width, width);
                var dot = Dot(row, previous);
                for (var j = 0; j < width; j++) row[j] -= dot * previous[j];
            }
            var norm = Math.Sqrt(Dot(row, row));
            if (norm < DegenerateNorm) return false;
            for (var j = 0; j < width; j++) row[j] /= norm;
        }
        return true;
    }

    // Irwin–Hall: twelve uniforms summed have mean 6 and variance 1; log and cos would differ in the last bits by platform.
    private static double StandardNormal(SeededRandom random)
    {
        var sum = 0.0;
        for (var i = 0; i < 12; i++) sum += random.NextDouble();
        return sum - 6.0;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static double ClosestPair(float[] codes, int classes, int width)
    {
        var closest = double.PositiveInfinity;
        for (var a = 0; a < classes; a++)
        for (var b = a + 1; b < classes; b++)
        {
            var sum = 0.0;
            for (var j = 0; j < width; j++)
            {
                var d = (double)codes[a * width + j] - codes[b * width + j];
                sum += d * d;
            }
            closest = Math.Min(closest, sum);
        }
        return Math.Sqrt(closest);
    }
}
