namespace ActorTrain.Actors;

/// <summary>A child's restarts within the current retry window, kept by its parent across strategy instances.</summary>
internal sealed class ChildRestartStats
{
    private int _restarts;
    private DateTimeOffset _windowStart;

    /// <summary>Counts one more restart; false once the count exceeds <paramref name="maxNrOfRetries"/> within the window.</summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan window, DateTimeOffset now)
    {
        if (maxNrOfRetries < 0) return true;
        if (maxNrOfRetries == 0) return false;
        var windowed = window > TimeSpan.Zero && window != Timeout.InfiniteTimeSpan;
        if (windowed && (_restarts == 0 || now - _windowStart > window))
        {
            _windowStart = now;
            _restarts = 1;
            return true;
        }
        _restarts++;
        return _restarts <= maxNrOfRetries;
    }
}
