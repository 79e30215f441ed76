namespace ActorTrain.Cli.Bench;

/// <summary>
/// One transport carrying <see cref="Bytes"/> to a second process and back: the median round trip and the rate it
/// implies, MB/s = 2 x bytes / median round trip (the bytes cross twice).
/// </summary>
internal sealed record LinkFigures(string Transport, int Bytes, double MedianRoundTripMs)
{
    public double MegabytesPerSecond => 2.0 * Bytes / (MedianRoundTripMs / 1000.0) / 1e6;

    public static LinkFigures Of(string transport, int bytes, List<double> roundTripsMs)
    {
        roundTripsMs.Sort();
        var n = roundTripsMs.Count;
        var median = n % 2 == 1 ? roundTripsMs[n / 2] : (roundTripsMs[n / 2 - 1] + roundTripsMs[n / 2]) / 2;
        return new LinkFigures(transport, bytes, median);
    }
}
