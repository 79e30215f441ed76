using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Output;

/// <summary>
/// The marks a recovery leaves on a timeline, one wording for trace.json and report.html: the failure where it was
/// detected (a stage's, or a checkpoint that was not written), the rollback's resume and the catch-up.
/// </summary>
internal static class RecoveryMarks
{
    public readonly record struct Mark(long Timestamp, long Step, string Label, string Category, bool OnStage);

    public static IEnumerable<Mark> Of(RecoveryEvent r)
    {
        yield return r.Stage < 0
            ? new Mark(r.DetectedAt, r.Step, $"checkpoint at step {r.Step} not written: {r.DetectedBy}", "fault", OnStage: false)
            : new Mark(r.DetectedAt, r.Step, $"stage {r.Stage} failed at step {r.Step}: {r.DetectedBy}", "fault", OnStage: true);
        if (r.ResumedAt is { } resumed)
            yield return new Mark(resumed, r.RolledBackTo, $"rolled back to step {r.RolledBackTo}, replaying", "recovery", OnStage: false);
        if (r.CaughtUpAt is { } back)
            yield return new Mark(back, r.Step, $"caught up ({r.StepsReplayed} steps replayed)", "recovery", OnStage: false);
    }
}
