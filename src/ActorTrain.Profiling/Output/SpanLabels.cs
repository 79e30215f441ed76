using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Output;

/// <summary>The names, trace categories and colors each <see cref="SpanKind"/> is shown with.</summary>
internal static class SpanLabels
{
    public const string ForwardCategory = "forward";
    public const string BackwardCategory = "backward";

    /// <summary>"F3"/"B3" carry the micro-batch in the name so a timeline reads like a schedule table.</summary>
    public static string Name(in Span span) => span.Kind switch
    {
        SpanKind.Forward => span.MicroBatch >= 0 ? $"F{span.MicroBatch}" : "F",
        SpanKind.Backward => span.MicroBatch >= 0 ? $"B{span.MicroBatch}" : "B",
        _ => ShortName(span.Kind),
    };

    public static string ShortName(SpanKind kind) => kind switch
    {
        SpanKind.Forward => "forward",
        SpanKind.Backward => "backward",
        SpanKind.OptimizerStep => "step",
        SpanKind.Wait => "wait",
        SpanKind.Send => "send",
        SpanKind.Receive => "recv",
        SpanKind.Evaluate => "eval",
        SpanKind.Snapshot => "snapshot",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string Category(SpanKind kind) => kind switch
    {
        SpanKind.Forward => ForwardCategory,
        SpanKind.Backward => BackwardCategory,
        SpanKind.OptimizerStep => "optimizer-step",
        SpanKind.Wait => "wait",
        SpanKind.Send => "send",
        SpanKind.Receive => "receive",
        SpanKind.Evaluate => "evaluate",
        SpanKind.Snapshot => "snapshot",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Compute in strong colors, waiting in grey, transfers in muted ones (Tableau 10).</summary>
    public static string Color(SpanKind kind) => kind switch
    {
        SpanKind.Forward => "#4e79a7",
        SpanKind.Backward => "#f28e2b",
        SpanKind.OptimizerStep => "#59a14f",
        SpanKind.Wait => "#d4d4d4",
        SpanKind.Send => "#b07aa1",
        SpanKind.Receive => "#9c755f",
        SpanKind.Evaluate => "#76b7b2",
        SpanKind.Snapshot => "#e15759",
        _ => "#bab0ac",
    };
}
