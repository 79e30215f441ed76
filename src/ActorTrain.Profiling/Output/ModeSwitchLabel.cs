using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Output;

/// <summary>One wording for a mode switch wherever it is shown, the same as the trace's instant event.</summary>
internal static class ModeSwitchLabel
{
    public static string Of(ModeSwitch change) => $"mode: {change.From} -> {change.To} ({change.Reason})";
}
