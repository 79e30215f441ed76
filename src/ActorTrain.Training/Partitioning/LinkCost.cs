namespace ActorTrain.Training.Partitioning;

/// <summary>
/// The link between neighbouring stages, as bytes per millisecond. A bandwidth of 0 or infinity
/// means transfers are free (stages sharing memory, or a run that chooses to ignore them).
/// </summary>
internal sealed record LinkCost
{
    public LinkCost(double bytesPerMs)
    {
        if (double.IsNaN(bytesPerMs) || bytesPerMs < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(bytesPerMs), bytesPerMs, FormattableString.Invariant(
                    $"link bandwidth must be 0 (ignored) or positive, got {bytesPerMs} bytes/ms"));
        }

        BytesPerMs = bytesPerMs;
    }

    /// <summary>A link whose transfers cost nothing.</summary>
    public static LinkCost Ignored { get; } = new(0);

    public double BytesPerMs { get; }

    public bool IsIgnored => BytesPerMs == 0 || double.IsPositiveInfinity(BytesPerMs);

    /// <summary>A link of <paramref name="bytesPerSecond"/>, the unit bandwidth is usually quoted in.</summary>
    public static LinkCost FromBytesPerSecond(double bytesPerSecond) => new(bytesPerSecond / 1000);

    public double TransferMs(long bytes) => IsIgnored ? 0 : bytes / BytesPerMs;
}
