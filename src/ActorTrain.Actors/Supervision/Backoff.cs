namespace ActorTrain.Actors;

/// <summary>Exponential backoff with jitter, as a pure function so it can be checked against a table.</summary>
public static class Backoff
{
    /// <summary>
    /// The wait before restart number <paramref name="restartCount"/> + 1: <c>min(maxBackoff, minBackoff * 2^restartCount)</c>,
    /// then stretched by a factor drawn uniformly from [1, 1 + <paramref name="randomFactor"/>) so that many actors
    /// failing together do not all come back at the same instant. As in Akka, the jitter may take it past
    /// <paramref name="maxBackoff"/>.
    /// </summary>
    public static TimeSpan Delay(int restartCount, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(restartCount);
        ArgumentNullException.ThrowIfNull(random);
        var jitter = 1.0 + random.NextDouble() * randomFactor;
        // Past 2^40 the product is beyond any sensible maximum anyway; the cap keeps the arithmetic finite.
        var exponential = minBackoff.Ticks * Math.Pow(2, Math.Min(restartCount, 40));
        var capped = Math.Min(maxBackoff.Ticks, exponential);
        return TimeSpan.FromTicks((long)(capped * jitter));
    }
}
