namespace ActorTrain.Profiling.Checking;

/// <summary>A (pid, tid) pair as written in the trace; ids stay raw JSON text so numbers and strings both work.</summary>
internal readonly record struct TraceThread(string Pid, string Tid)
{
    public override string ToString() => $"pid {Pid} tid {Tid}";
}
