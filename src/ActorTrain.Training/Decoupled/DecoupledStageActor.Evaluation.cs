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
        Tensor output;
        double lossSum;
        int hits;
        using (var labels = _stage.Labels(e.Labels))
        using (Torch.Torch.NoGrad())
        {
            using (var input = EvaluationInput(e))
                output = _stage.Forward(input);
            using var loss = _stage.Loss(output, labels);
            lossSum = loss.ToScalarDouble() * e.Labels.Length;
            hits = _stage.Hits(output, labels);
        }
        _observer.OnSpan(new Span(Index, SpanKind.Evaluate, e.Batch, 0, start, _clock.GetTimestamp()));
        _supervisor!.Tell(new StageEvaluated(Index, e.Batch, lossSum, hits, e.Labels.Length), Self);
        if (_stage.IsLast) output.Dispose();
        else _next!.Tell(e with { Input = output }, Self);
    }

    private Tensor EvaluationInput(EvaluateBatch e)
    {
        if (_stage.IsFirst) return ReadSamples(_testSamples, e.Indices);
        using (e.Input) return _stage.Prepare(e.Input!, Index - 1);
    }
}
