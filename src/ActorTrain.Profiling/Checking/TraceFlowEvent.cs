namespace ActorTrain.Profiling.Checking;

/// <summary>A flow event ("s", "t" or "f") read back from a trace.</summary>
/// <param name="Key">Category and id: flows are matched on both.</param>
/// <param name="BindsEnclosing">True for "s" and for "bp":"e": the event binds to the slice around it, else to the next one.</param>
internal sealed record TraceFlowEvent(string Key, char Phase, TraceThread Thread, double Timestamp, bool BindsEnclosing);
