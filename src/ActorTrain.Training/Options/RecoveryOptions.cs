namespace ActorTrain.Training.Options;

/// <summary>
/// How a synchronous pipeline survives a stage fault (`actortrain.recovery`): every <see cref="SnapshotEvery"/> steps
/// each stage keeps an in-memory copy of its weights and optimizer state; a crash, a hang (silent past the watchdog's
/// deadline) or a non-finite tensor rolls every stage back to the last complete snapshot and replays the same batches,
/// at most <see cref="MaxRestarts"/> times in a run. A checkpoint that cannot be written is dropped (the previous committed
/// one stays) and the run goes on, or stops when <see cref="StopOnCheckpointFailure"/>.
/// </summary>
public sealed record RecoveryOptions(
    int SnapshotEvery = 0, int MaxRestarts = 3, TimeSpan WatchdogFloor = default, double WatchdogMultiple = 10, bool StopOnCheckpointFailure = false)
{
    public static readonly RecoveryOptions Off = new();

    public bool Enabled => SnapshotEvery > 0;

    /// <summary>How long a stage may stay silent with work pending, given the measured time of one step.</summary>
    public TimeSpan WatchdogDeadline(TimeSpan stepTime)
    {
        var floor = WatchdogFloor > TimeSpan.Zero ? WatchdogFloor : TimeSpan.FromSeconds(2);
        return TimeSpan.FromTicks(Math.Max(floor.Ticks, (long)(stepTime.Ticks * WatchdogMultiple)));
    }
}
