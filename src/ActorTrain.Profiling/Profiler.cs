using ActorTrain.Profiling.Analysis;
using ActorTrain.Profiling.Merging;
using ActorTrain.Profiling.Output;
using ActorTrain.Profiling.Recording;
using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling;

/// <summary>
/// Records a run through <see cref="ITrainingObserver"/> and writes trace.json (Chrome/Perfetto),
/// summary.json and report.html. Stage threads call it concurrently: a span costs one short lock
/// and a 48-byte copy into a chunk, and writing works on a snapshot, so it may happen while the run goes on.
/// Installed also as a link decorator, it counts the messages and bytes crossing each link.
/// </summary>
public sealed class Profiler : ITrainingObserver, ILinkDecorator
{
    public const string TraceFileName = "trace.json";
    public const string SummaryFileName = "summary.json";
    public const string ReportFileName = "report.html";

    private readonly TimeProvider time;
    private readonly ProfilerOptions options;
    private readonly SpanStore spans = new();
    private readonly LinkCounters links = new();
    private readonly Lock gate = new();
    private readonly List<RunInfo> runs = [];
    private readonly List<StepMetrics> steps = [];
    private readonly List<EvaluationMetrics> evaluations = [];
    private readonly List<ModeSwitch> switches = [];
    private readonly List<RecoveryEvent> recoveries = [];
    private readonly List<FaultInjection> injections = [];
    private readonly List<MemoryReading> memory = [];
    private long earliest = long.MaxValue;
    private long latest = long.MinValue;
    private long? finishedAt;
    private bool? succeeded;

    /// <param name="timeProvider">The run's clock: span timestamps are its <see cref="TimeProvider.GetTimestamp"/> ticks.</param>
    public Profiler(TimeProvider timeProvider, ProfilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new ProfilerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TimelineSteps, 1, nameof(options));
        ArgumentNullException.ThrowIfNull(options.PipelineModes, nameof(options));
        time = timeProvider;
        this.options = options;
    }

    /// <summary>How many spans have been recorded so far.</summary>
    public int SpanCount => spans.Count;

    public void OnRunStarted(RunInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        lock (gate)
        {
            runs.Add(info);
            Observe(info.Timestamp);
        }
    }

    public void OnSpan(in Span span)
    {
        // Only the store's lock: the run's extent over spans is taken when writing, not per span.
        spans.Add(span);
    }

    public void OnStageMemory(int stage, long peakBytes)
    {
        // The contract carries no time; stamping the call lets the summary give peaks to a mode.
        long now = time.GetTimestamp();
        lock (gate)
        {
            memory.Add(new MemoryReading(stage, peakBytes, now));
        }
    }

    public void OnStep(StepMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        lock (gate)
        {
            steps.Add(metrics);
            Observe(metrics.Timestamp);
        }
    }

    public void OnEvaluation(EvaluationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        lock (gate)
        {
            evaluations.Add(metrics);
            Observe(metrics.Timestamp);
        }
    }

    public void OnModeSwitch(ModeSwitch change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (gate)
        {
            switches.Add(change);
            Observe(change.Timestamp);
        }
    }

    public void OnRecovery(RecoveryEvent recovery)
    {
        ArgumentNullException.ThrowIfNull(recovery);
        lock (gate)
        {
            recoveries.Add(recovery);
            Observe(recovery.DetectedAt);
        }
    }

    public void OnFaultInjected(FaultInjection fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (gate)
        {
            injections.Add(fault);
            Observe(fault.Timestamp);
        }
    }

    public IStageLink Decorate(IStageLink link) => links.Decorate(link);

    /// <summary>Marks the end of the run and, if <see cref="ProfilerOptions.OutputDirectory"/> is set, writes the outputs there.</summary>
    public void OnRunFinished(bool succeeded, long timestamp)
    {
        lock (gate)
        {
            this.succeeded = succeeded;
            finishedAt = timestamp;
            Observe(timestamp);
        }

        if (options.OutputDirectory is { } directory)
        {
            WriteTo(directory);
        }
    }

    /// <summary>
    /// Writes trace.json, summary.json and report.html into <paramref name="directory"/>, creating it if needed. Each file
    /// is written under a temporary name and renamed when complete, so a full disk leaves no truncated file behind.
    /// </summary>
    public void WriteTo(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Write(directory, Snapshot());
    }

    /// <summary>
    /// A clustered run's driver: merges what this profiler recorded (steps, evaluations) with the workers' parts named in
    /// <paramref name="nodes"/>, each on the driver's clock, and writes the three files as <see cref="WriteTo"/> does.
    /// Returns the warnings about what could not be merged (a worker whose part never arrived or cannot be read is named).
    /// </summary>
    public IReadOnlyList<string> WriteClusterTo(string directory, ClusterNodes nodes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(nodes);
        var parts = ClusterParts.Read(nodes);
        var merged = ClusterMerge.Merge(Snapshot(), nodes.DriverAddress, nodes.Workers(), parts);
        Write(directory, merged);
        return merged.Cluster!.Warnings;
    }

    private void Write(string directory, ProfileData data)
    {
        Directory.CreateDirectory(directory);
        var timeline = ModeTimeline.From(data);
        var summary = SummaryCalculator.Compute(data, timeline);
        Atomically(Path.Combine(directory, TraceFileName), path => TraceWriter.Write(path, data, timeline, options.PipelineModes));
        Atomically(Path.Combine(directory, SummaryFileName), path => SummaryWriter.Write(path, summary, data));
        Atomically(Path.Combine(directory, ReportFileName), path => ReportWriter.Write(path, summary, data, timeline, options.TimelineSteps));
    }

    private static void Atomically(string path, Action<string> write)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            write(temp);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>The run's throughput, measured and theoretical bubble share and bytes sent between stages, from a snapshot.</summary>
    public ProfileFigures Figures()
    {
        var data = Snapshot();
        var summary = SummaryCalculator.Compute(data, ModeTimeline.From(data));
        return new ProfileFigures(summary.SamplesPerSecond, summary.Bubble.Measured, summary.Bubble.Theoretical,
            summary.Stages.Sum(s => s.BytesOut), summary.Stages.Select(s => s.PeakBytes ?? 0).ToList());
    }

    internal ProfileData Snapshot()
    {
        var recorded = spans.ToArray();
        lock (gate)
        {
            // The run starts when it says so, unless a span (a dry run) came earlier; times before
            // the start would be negative in the trace.
            long first = Math.Min(earliest, recorded.Length > 0 ? recorded.Min(s => s.StartTimestamp) : long.MaxValue);
            long last = Math.Max(latest, recorded.Length > 0 ? recorded.Max(s => s.EndTimestamp) : long.MinValue);
            long start = runs.Count > 0 ? Math.Min(runs[0].Timestamp, first) : first;
            long end = Math.Max(finishedAt ?? last, last);
            if (start == long.MaxValue)
            {
                start = end = time.GetTimestamp();
            }

            return new ProfileData(
                runs.ToArray(),
                recorded,
                steps.ToArray(),
                evaluations.ToArray(),
                switches.ToArray(),
                memory.ToArray(),
                links.Snapshot(),
                start,
                end,
                finishedAt is null ? null : succeeded,
                time.TimestampFrequency,
                recoveries.ToArray(),
                Injections: injections.ToArray());
        }
    }

    private void Observe(long timestamp)
    {
        earliest = Math.Min(earliest, timestamp);
        latest = Math.Max(latest, timestamp);
    }
}
