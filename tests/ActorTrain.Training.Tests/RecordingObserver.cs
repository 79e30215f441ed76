using ActorTrain.Training.Observability;

namespace ActorTrain.Training.Tests;

/// <summary>Keeps everything a run reports, for tests to inspect. Spans arrive from several actor threads at once, hence the lock.</summary>
internal sealed class RecordingObserver : ITrainingObserver
{
    private readonly object _gate = new();
    private readonly List<StepMetrics> _steps = new();
    private readonly List<EvaluationMetrics> _evaluations = new();
    private readonly List<Span> _spans = new();
    private readonly List<ModeSwitch> _switches = new();
    private readonly Dictionary<int, long> _memory = new();

    public RunInfo? Run { get; private set; }
    public IReadOnlyList<StepMetrics> Steps { get { lock (_gate) return _steps.ToList(); } }
    public IReadOnlyList<EvaluationMetrics> Evaluations { get { lock (_gate) return _evaluations.ToList(); } }
    public IReadOnlyList<Span> Spans { get { lock (_gate) return _spans.ToList(); } }
    public IReadOnlyList<ModeSwitch> Switches { get { lock (_gate) return _switches.ToList(); } }

    /// <summary>Largest peak tensor memory each stage reported.</summary>
    public IReadOnlyDictionary<int, long> PeakMemory { get { lock (_gate) return new Dictionary<int, long>(_memory); } }

    /// <summary>Bytes each stage received, from its Receive spans.</summary>
    public IReadOnlyDictionary<int, long> ReceivedBytes =>
        Spans.Where(s => s.Kind == SpanKind.Receive).GroupBy(s => s.Stage).ToDictionary(g => g.Key, g => g.Sum(s => s.Bytes));

    public void OnRunStarted(RunInfo info) => Run = info;
    public void OnSpan(in Span span) { lock (_gate) _spans.Add(span); }
    public void OnStageMemory(int stage, long peakBytes) { lock (_gate) _memory[stage] = Math.Max(_memory.GetValueOrDefault(stage), peakBytes); }
    public void OnStep(StepMetrics metrics) { lock (_gate) _steps.Add(metrics); }
    public void OnEvaluation(EvaluationMetrics metrics) { lock (_gate) _evaluations.Add(metrics); }
    public void OnModeSwitch(ModeSwitch change) { lock (_gate) _switches.Add(change); }
}
