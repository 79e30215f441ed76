using ActorTrain.Training.Observability;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// Sums the snapshot spans of a run per stage, so the bench can state what one snapshot costs apart from the noise in
/// samples/s: stages copy their state at the same time on their own threads, so the pipeline loses about the slowest
/// stage's copy per snapshot.
/// </summary>
internal sealed class SnapshotTimer : ITrainingObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, (long Ticks, int Count)> _stages = new();

    public void OnSpan(in Span span)
    {
        if (span.Kind != SpanKind.Snapshot) return;
        lock (_gate)
        {
            var (ticks, count) = _stages.GetValueOrDefault(span.Stage);
            _stages[span.Stage] = (ticks + span.EndTimestamp - span.StartTimestamp, count + 1);
        }
    }

    /// <summary>The mean time of one snapshot on the slowest stage (zero if none was taken).</summary>
    public TimeSpan SlowestStageMean(long frequency)
    {
        lock (_gate)
            return _stages.Count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(_stages.Values.Max(s => (double)s.Ticks / s.Count / frequency));
    }
}
