namespace ActorTrain.Cli.Bench;

/// <summary>
/// What a handful of seeds can say: mean and sample standard deviation of a figure, and a 95% t-interval for the mean
/// of paired differences (two configurations run with the same seeds, so seed-to-seed variation common to both cancels).
/// </summary>
internal static class SeedStatistics
{
    public readonly record struct Spread(double Mean, double StandardDeviation, int Count);

    public readonly record struct Interval(double Mean, double Low, double High, int Count)
    {
        /// <summary>Whether the whole interval lies at or above <paramref name="bound"/>.</summary>
        public bool AtLeast(double bound) => Low >= bound;

        /// <summary>Whether the whole interval lies at or below <paramref name="bound"/>.</summary>
        public bool AtMost(double bound) => High <= bound;
    }

    /// <summary>Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom; beyond that, 1.96.</summary>
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    public static double TQuantile(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return degreesOfFreedom <= T975.Length ? T975[degreesOfFreedom - 1] : 1.96;
    }

    public static Spread Of(IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var mean = values.Average();
        var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new Spread(mean, sd, values.Count);
    }

    /// <summary>The mean of <paramref name="values"/> with its 95% t-interval; one value gives a zero-width interval (nothing to say about spread).</summary>
    public static Interval MeanInterval(IReadOnlyList<double> values)
    {
        var spread = Of(values);
        var half = spread.Count > 1 ? TQuantile(spread.Count - 1) * spread.StandardDeviation / Math.Sqrt(spread.Count) : 0;
        return new Interval(spread.Mean, spread.Mean - half, spread.Mean + half, spread.Count);
    }

    /// <summary>The mean of a[i] - b[i] with its 95% t-interval.</summary>
    public static Interval PairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"paired figures need as many values on each side ({a.Count} and {b.Count})");
        return MeanInterval(a.Zip(b, (x, y) => x - y).ToList());
    }
}
