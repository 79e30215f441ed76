using ActorTrain.Training.Observability;

namespace ActorTrain.Training.Policy;

/// <summary>
/// Sums, per stage, compute time (forward, backward, optimizer step) and time spent waiting on neighbours, from the
/// spans of the epoch under way; <see cref="Take"/> turns them into an <see cref="EpochObservation"/> and starts over.
/// Spans arrive from every stage's thread at once.
/// </summary>
internal sealed class EpochMeter(TimeProvider clock) : ITrainingObserver
{
    private readonly object _gate = new();
    private readonly Dictionary<int, (double Compute, double Wait)> _stages = new();

    public void OnSpan(in Span span)
    {
        var kind = span.Kind;
        if (kind is not (SpanKind.Forward or SpanKind.Backward or SpanKind.OptimizerStep or SpanKind.Wait)) return;
        var ms = clock.GetElapsedTime(span.StartTimestamp, span.EndTimestamp).TotalMilliseconds;
        lock (_gate)
        {
            var (compute, wait) = _stages.GetValueOrDefault(span.Stage);
            _stages[span.Stage] = kind == SpanKind.Wait ? (compute, wait + ms) : (compute + ms, wait);
        }
    }

    /// <summary>Each stage's compute and waiting time (ms) so far, starting over: a clustered worker sends its stages' sums to the driver.</summary>
    public IReadOnlyDictionary<int, (double ComputeMs, double WaitMs)> TakeStages()
    {
        lock (_gate)
        {
            var stages = _stages.ToDictionary(p => p.Key, p => (p.Value.Compute, p.Value.Wait));
            _stages.Clear();
            return stages;
        }
    }

    /// <param name="wallMs">How long the epoch took, so waiting is a share of every stage's time.</param>
    public EpochObservation Take(string mode, double? accuracy, double wallMs)
    {
        lock (_gate)
        {
            var count = _stages.Count == 0 ? 0 : _stages.Keys.Max() + 1;
            var compute = Enumerable.Range(0, count).Select(k => _stages.GetValueOrDefault(k).Compute).ToList();
            var wait = _stages.Values.Sum(s => s.Wait);
            _stages.Clear();
            var share = count == 0 || wallMs <= 0 ? 0 : Math.Min(1, wait / (count * wallMs));
            return new EpochObservation(mode, accuracy, share, compute);
        }
    }
}
