namespace ActorTrain.Config.Settings;

/// <summary>
/// `recovery`: stage faults (a crash, a hang, a NaN) roll every stage back to the last in-memory snapshot and replay.
/// </summary>
/// <param name="SnapshotEvery">Steps between in-memory snapshots; 0 = off (a stage failure fails the run).</param>
/// <param name="MaxRestarts">Rollbacks a run may make; one more failure stops it (a crash loop, a NaN that repeats).</param>
/// <param name="WatchdogFloor">The shortest time a stage may stay silent with work pending before it counts as hung.</param>
/// <param name="WatchdogMultiple">A stage is hung after this many measured step times of silence (never less than the floor).</param>
/// <param name="OnCheckpointFailure">Whether a checkpoint that cannot be written stops the run or only warns.</param>
/// <param name="OnNodeLoss">Clustered pipelines: whether a lost worker stops the run or its stages are placed again.</param>
/// <param name="SpareWait">With re-place: how long the driver waits for a spare worker before it co-locates the lost stages on the survivors.</param>
public sealed record RecoverySettings(
    int SnapshotEvery, int MaxRestarts, TimeSpan WatchdogFloor, double WatchdogMultiple, CheckpointFailurePolicy OnCheckpointFailure = CheckpointFailurePolicy.Warn,
    NodeLossPolicy OnNodeLoss = NodeLossPolicy.Stop, TimeSpan SpareWait = default)
{
    internal static RecoverySettings Read(SettingsReader r) => new(
        r.Int("snapshot-every", min: 0),
        r.Int("max-restarts", min: 0),
        r.Duration("watchdog-floor"),
        r.Number("watchdog-multiple", new NumberRange(1, false, double.PositiveInfinity, true)),
        r.Choice<CheckpointFailurePolicy>("on-checkpoint-failure"),
        r.Choice<NodeLossPolicy>("on-node-loss"),
        r.Duration("spare-wait"));
}
