namespace ActorTrain.Data.Datasets;

/// <summary>
/// The per-dataset constants that turn a byte pixel into a model input: (pixel / 255 - <see cref="Mean"/>) / <see cref="Std"/>.
/// Computed once from the training split and applied to every split, so the test set is scaled like the data the model saw.
/// </summary>
public readonly record struct Normalization(float Mean, float Std)
{
    /// <summary>Only the scaling to [0, 1].</summary>
    public static Normalization None => new(0f, 1f);

    /// <summary>Mean and population standard deviation of every pixel of <paramref name="images"/>, scaled to [0, 1].</summary>
    public static Normalization Of(LabeledImages images)
    {
        ArgumentNullException.ThrowIfNull(images);
        // A histogram makes the sums exact and the pass a plain byte count.
        Span<long> histogram = stackalloc long[256];
        foreach (var p in images.Pixels) histogram[p]++;
        double total = images.Pixels.Length;
        if (total == 0) return None;

        double sum = 0;
        for (var v = 0; v < 256; v++) sum += histogram[v] * (v / 255.0);
        var mean = sum / total;
        double squares = 0;
        for (var v = 0; v < 256; v++)
        {
            var d = v / 255.0 - mean;
            squares += histogram[v] * d * d;
        }
        var std = Math.Sqrt(squares / total);
        // Constant images have no spread; dividing by 1 keeps them finite instead of NaN.
        return new Normalization((float)mean, std > 0 ? (float)std : 1f);
    }

    public float Apply(byte pixel) => (pixel / 255f - Mean) / Std;
}
