using ActorTrain.Torch;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;
using Akka.Actor;

namespace ActorTrain.Training.Pipeline;

internal abstract partial class StageActor
{
    /// <summary>Forward-only inference through the stages: the last one scores the batch for the supervisor.</summary>
    private void OnEvaluate(Evaluate e)
    {
        var start = _clock.GetTimestamp();
        Tensor output;
        try
        {
            _stage.CheckInput(TensorMeta.Of(e.Input), Index - 1);
            output = _stage.Infer(e.Input);
        }
        finally
        {
            e.Input.Dispose();
        }

        if (!_stage.IsLast)
        {
            _observer.OnSpan(new Span(Index, SpanKind.Evaluate, e.Batch, 0, start, _clock.GetTimestamp()));
            _next!.Send(new Evaluate(e.Batch, output, e.Labels));
            return;
        }

        using (output)
        using (e.Labels)
        {
            var (lossSum, correct) = Scoring.Score(output, e.Labels);
            _observer.OnSpan(new Span(Index, SpanKind.Evaluate, e.Batch, 0, start, _clock.GetTimestamp()));
            Supervisor!.Tell(new EvaluationResult(e.Batch, lossSum, correct, (int)e.Labels.Size(0)), Self);
        }
    }
}
