using ActorTrain.Data.Loading;
using ActorTrain.Torch;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Training.PipelineParallel;

internal sealed partial class PipelineSupervisor
{
    private Batch? _testBatch;
    private int _evalNext, _evalOutstanding, _evalCorrect, _evalCount;
    private double _evalLoss;

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
        (_evalNext, _evalOutstanding, _evalCorrect, _evalCount, _evalLoss) = (0, 0, 0, 0, 0);
        PumpEvaluation();
    }

    private void PumpEvaluation()
    {
        while (_evalOutstanding < EvaluationWindow && _evalNext < _test.BatchesPerEpoch)
        {
            _test.Fill(0, _evalNext, _testBatch!);
            var input = Tensor.FromSpan(_testBatch!.FilledFeatures, [_testBatch.Count, .. _inputShape]);
            var labels = Tensor.FromSpan(_testBatch.FilledLabels, [_testBatch.Count]);
            _children[0].Tell(new Evaluate(_evalNext, input, labels), Self);
            _evalNext++;
            _evalOutstanding++;
        }
        if (_evalOutstanding > 0) return;

        _testAccuracy = _evalCount == 0 ? 0 : (double)_evalCorrect / _evalCount;
        _testLoss = _evalCount == 0 ? 0 : _evalLoss / _evalCount;
        _observer.OnEvaluation(new EvaluationMetrics(_options.Mode, _position.Epoch, _position.Step, _testLoss.Value, _testAccuracy.Value, _clock.GetTimestamp()));
        _log.Information("Epoch {Epoch}: test accuracy {Accuracy:P2}, test loss {Loss:F4}", _position.Epoch + 1, _testAccuracy, _testLoss);
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
        _evalOutstanding--;
        _evalCorrect += r.Correct;
        _evalCount += r.Count;
        _evalLoss += r.LossSum;
        PumpEvaluation();
    }
}
