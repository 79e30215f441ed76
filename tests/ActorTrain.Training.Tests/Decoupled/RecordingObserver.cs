using System.Collections.Concurrent;
using ActorTrain.Training.Observability;

namespace ActorTrain.Training.Tests.Decoupled;

/// <summary>Keeps what a decoupled run reports: evaluations, steps, received bytes per stage and peak memory per stage.</summary>
internal sealed class RecordingObserver : ITrainingObserver
{
    private readonly ConcurrentQueue<EvaluationMetrics> _evaluations = new();
    private readonly ConcurrentQueue<StepMetrics> _steps = new();
    private readonly ConcurrentDictionary<int, long> _receivedBytes = new();
    private readonly ConcurrentDictionary<int, long> _memory = new();

    public RunInfo? Run { get; private set; }
    public IReadOnlyList<EvaluationMetrics> Evaluations => _evaluations.ToList();
    public IReadOnlyList<StepMetrics> Steps => _steps.ToList();
    public IReadOnlyDictionary<int, long> ReceivedBytes => _receivedBytes;
    public IReadOnlyDictionary<int, long> PeakMemory => _memory;

    public void OnRunStarted(RunInfo info) => Run = info;

    public void OnSpan(in Span span)
    {
        if (span.Kind != SpanKind.Receive) return;
        var bytes = span.Bytes;
        _receivedBytes.AddOrUpdate(span.Stage, bytes, (_, b) => b + bytes);
    }

    public void OnStageMemory(int stage, long peakBytes) => _memory.AddOrUpdate(stage, peakBytes, (_, b) => Math.Max(b, peakBytes));
    public void OnStep(StepMetrics metrics) => _steps.Enqueue(metrics);
    public void OnEvaluation(EvaluationMetrics metrics) => _evaluations.Enqueue(metrics);
    public void OnModeSwitch(ModeSwitch change) { }
    public void OnRunFinished(bool succeeded, long timestamp) { }
}
