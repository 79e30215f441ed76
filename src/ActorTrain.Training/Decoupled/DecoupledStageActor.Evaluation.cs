using ActorTrain.Torch;
using ActorTrain.Training.Decoupled.Messages;
using ActorTrain.Training.Observability;

namespace ActorTrain.Training.Decoupled;

internal sealed partial class DecoupledStageActor
{
    /// <summary>
    /// Inference through the chained stages: each one scores its own output against its own target for the supervisor
    /// and hands the output on, so the last stage's accuracy is the whole model's.
    /// </summary>
    private void OnEvaluate(EvaluateBatch e)
    {
        var start = _clock.GetTimestamp();
        using var labels = _stage.Labels(e.Labels);
        using var _ = Torch.Torch.NoGrad();
        var output = Infer(e);
        try
        {
            using var loss = _stage.Loss(output, labels);
            var hits = _stage.Hits(output, labels);
            _observer.OnSpan(new Span(Index, SpanKind.Evaluate, e.Batch, 0, start, _clock.GetTimestamp()));
            _supervisor!.Tell(new StageEvaluated(Index, e.Batch, loss.ToScalarDouble() * e.Labels.Length, hits, e.Labels.Length), Self);
        }
        catch
        {
            output.Dispose();
            throw;
        }
        if (_stage.IsLast) output.Dispose();
        else _next!.Send(e with { Input = output });
    }

    private Tensor Infer(EvaluateBatch e)
    {
        using var input = EvaluationInput(e);
        return _stage.Forward(input);
    }

    private Tensor EvaluationInput(EvaluateBatch e)
    {
        if (_stage.IsFirst) return ReadSamples(_testSamples, e.Indices);
        using (e.Input) return _stage.Prepare(e.Input!, Index - 1);
    }
}
