using ActorTrain.Cluster.Messages;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Cluster.Driver;

internal sealed partial class ClusterDriver
{
    private const int EvaluationWindow = 4;

    private int _evalNext, _evalOutstanding, _evalCorrect, _evalCount;
    private double _evalLoss;
    private double? _testAccuracy, _testLoss;

    /// <summary>Forward-only pass over the test split through the workers' stages, a few batches in flight at a time.</summary>
    private void StartEvaluation()
    {
        (_evalNext, _evalOutstanding, _evalCorrect, _evalCount, _evalLoss) = (0, 0, 0, 0, 0);
        PumpEvaluation();
    }

    private void PumpEvaluation()
    {
        var firstStageHost = _workers.First(w => w.Stages.Contains(0)).StageHost!;
        while (_evalOutstanding < EvaluationWindow && _evalNext < _shape.TestBatches)
        {
            firstStageHost.Tell(new EvaluateAt(_evalNext++), Self);
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
        if (_finished) return;
        _evalOutstanding--;
        _evalCorrect += r.Correct;
        _evalCount += r.Count;
        _evalLoss += r.LossSum;
        PumpEvaluation();
    }
}
