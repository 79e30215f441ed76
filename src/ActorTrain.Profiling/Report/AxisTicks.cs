namespace ActorTrain.Profiling.Report;

/// <summary>Round tick values (1, 2 or 5 times a power of ten) covering a range, for chart axes.</summary>
internal static class AxisTicks
{
    public static (double Min, double Max, double[] Ticks) Nice(double min, double max, int target = 5)
    {
        if (!(max > min))
        {
            // A flat series (one evaluation, a constant loss) still needs a visible range.
            double pad = Math.Abs(min) > 0 ? Math.Abs(min) * 0.1 : 1;
            (min, max) = (min - pad, max + pad);
        }

        double raw = (max - min) / Math.Max(1, target);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        // The round step nearest the raw one, so the tick count stays near the target either way.
        double step = (raw / magnitude) switch
        {
            < 1.5 => 1,
            < 3 => 2,
            < 7 => 5,
            _ => 10,
        } * magnitude;
        double low = Math.Floor(min / step) * step;
        double high = Math.Ceiling(max / step) * step;
        int count = (int)Math.Round((high - low) / step) + 1;
        var ticks = Enumerable.Range(0, count).Select(i => Math.Round(low + i * step, 12)).ToArray();
        return (low, high, ticks);
    }
}
