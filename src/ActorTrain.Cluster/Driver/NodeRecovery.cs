namespace ActorTrain.Cluster.Driver;

/// <summary>
/// One re-placement after a lost worker, as the driver measures it: what was lost and how it was detected, the time
/// from an injected fault to its detection (unknown for a fault nobody injected), the rollback step, and, once the run
/// is back where it was, the steps replayed and the time lost (from the fault, or its detection, to that point).
/// </summary>
internal sealed class NodeRecovery(string lost, string detectedBy, long detectedAt, long? injectedAt, long reachedStep)
{
    public string Lost { get; } = lost;

    public string DetectedBy { get; } = detectedBy;

    public long DetectedAt { get; } = detectedAt;

    public long? InjectedAt { get; } = injectedAt;

    /// <summary>The furthest step dispatched when the loss was detected: replay ends when the run completes it again.</summary>
    public long ReachedStep { get; } = reachedStep;

    public long RollbackStep { get; set; }

    public string RollbackPoint { get; set; } = "";

    public string Placement { get; set; } = "";

    public TimeSpan RecoveryTime { get; set; }

    public TimeSpan? TimeLost { get; set; }

    /// <summary>When the loss counts from: the injected fault where there was one, else its detection.</summary>
    public long LostFrom => InjectedAt ?? DetectedAt;
}
