namespace ActorTrain.Torch.Distributed;

/// <summary>Turns a caller's timeout into the shim's milliseconds. c10d reads 0 as "wait forever", so only positive finite timeouts pass.</summary>
internal static class Timeouts
{
    public static long ToMilliseconds(TimeSpan timeout, string paramName)
    {
        if (timeout <= TimeSpan.Zero || timeout.TotalMilliseconds > int.MaxValue)
            throw new ArgumentOutOfRangeException(paramName, timeout, "a timeout must be positive and finite (at most about 24 days)");
        return Math.Max(1L, (long)Math.Ceiling(timeout.TotalMilliseconds));
    }
}
