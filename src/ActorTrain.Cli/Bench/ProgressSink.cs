using Serilog.Core;
using Serilog.Events;

namespace ActorTrain.Cli.Bench;

/// <summary>Routes a bench's log warnings to its progress output (stderr), so --json stdout stays one document.</summary>
internal sealed class ProgressSink(Action<string> progress) : ILogEventSink
{
    public void Emit(LogEvent logEvent) => progress($"{logEvent.Level}: {logEvent.RenderMessage()}");
}
