using ActorTrain.Data.Loading;
using ActorTrain.Torch;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Training.PipelineParallel;

internal sealed partial class PipelineSupervisor
{
    private Batch? _testBatch;
    private readonly EvaluationPass _evaluation = new(EvaluationWindow);

    private const long DryRunBatch = -1;
    private bool _dryRunDone;

    /// <summary>
    /// One small batch through every stage before training, so stages whose shapes do not chain fail the run at
    /// start-up (exit code 2) rather than in the middle of an epoch.
    /// </summary>
    private void StartDryRun()
    {
        _test.Fill(0, 0, _testBatch ??= _test.CreateBatch());
        var count = Math.Min(2, _testBatch.Count);
        var input = Tensor.FromSpan(_testBatch.Features.AsSpan(0, count * _testBatch.FeatureCount), [count, .. _inputShape]);
        var labels = Tensor.FromSpan(_testBatch.Labels.AsSpan(0, count), [count]);
        _children[0].Tell(new Evaluate(DryRunBatch, input, labels), Self);
    }

    /// <summary>Forward-only pass over the test split through the stages, a few batches in flight at a time.</summary>
    private void StartEvaluation()
    {
        _testBatch ??= _test.CreateBatch();
        _evaluation.Start();
        PumpEvaluation();
    }

    private void PumpEvaluation()
    {
        while (_evaluation.TrySend(_test.BatchesPerEpoch, out var batch))
        {
            _test.Fill(0, batch, _testBatch!);
            var input = Tensor.FromSpan(_testBatch!.FilledFeatures, [_testBatch.Count, .. _inputShape]);
            var labels = Tensor.FromSpan(_testBatch.FilledLabels, [_testBatch.Count]);
            _children[0].Tell(new Evaluate(batch, input, labels), Self);
        }
        if (!_evaluation.Done) return;

        (_testAccuracy, _testLoss) = (_evaluation.Accuracy, _evaluation.Loss);
        _observer.OnEvaluation(_evaluation.Report(_options.Mode, _position.Epoch, _position.Step, _clock.GetTimestamp(), _log));
        NextEpoch();
    }

    private void OnEvaluationResult(EvaluationResult r)
    {
        if (r.Batch == DryRunBatch)
        {
            _dryRunDone = true;
            Pump();
            return;
        }
        _evaluation.Add(r);
        PumpEvaluation();
    }
}
