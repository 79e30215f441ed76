namespace ActorTrain.Profiling;

/// <summary>How a <see cref="Profiler"/> writes its outputs.</summary>
public sealed record ProfilerOptions
{
    /// <summary>
    /// Where <see cref="Profiler.OnRunFinished"/> writes trace.json, summary.json and report.html.
    /// Null (the default) writes nothing by itself: call <see cref="Profiler.WriteTo"/>.
    /// </summary>
    public string? OutputDirectory { get; init; }

    /// <summary>How many training steps of each mode segment the report's timeline draws; more becomes unreadable. Default 3.</summary>
    public int TimelineSteps { get; init; } = 3;

    /// <summary>
    /// Modes in which a micro-batch travels through the stages, so the trace links its forward and
    /// backward across stages with flow arrows. Decoupled, IST and data-parallel stages train on
    /// their own and get none. Default sync and async.
    /// </summary>
    public IReadOnlySet<string> PipelineModes { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "sync", "async" };
}
