using ActorTrain.Training.Observability;

namespace ActorTrain.Training.Tests.Runs;

/// <summary>Throws from inside a stage (on its thread, mid-step) when that stage reports a given forward span.</summary>
internal sealed class FailingObserver(int stage, long step) : ITrainingObserver
{
    public void OnSpan(in Span span)
    {
        if (span.Stage == stage && span.Step == step && span.Kind == SpanKind.Forward)
            throw new InvalidOperationException($"injected failure in stage {stage} at step {step}");
    }
}
