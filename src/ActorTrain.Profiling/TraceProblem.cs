namespace ActorTrain.Profiling;

/// <summary>One inconsistency in a trace, with a message naming the stage, step and micro-batch involved.</summary>
public sealed record TraceProblem(TraceProblemKind Kind, string Message)
{
    public override string ToString() => $"{Kind}: {Message}";
}
