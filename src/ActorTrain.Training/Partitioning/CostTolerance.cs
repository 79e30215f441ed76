namespace ActorTrain.Training.Partitioning;

/// <summary>
/// Compares stage costs so that sums of measured times differing only by rounding count as equal:
/// a tie is then broken by the documented rule, not by the order the sums were added in.
/// </summary>
internal static class CostTolerance
{
    private const double Relative = 1e-9;

    public static bool AtMost(double value, double bound) => value <= bound + Relative * Math.Max(1, Math.Abs(bound));

    public static bool Below(double value, double bound) => !AtMost(bound, value);
}
