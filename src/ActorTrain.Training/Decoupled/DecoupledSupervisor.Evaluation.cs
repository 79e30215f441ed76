using System.Globalization;
using ActorTrain.Data.Loading;
using ActorTrain.Training.Decoupled.Messages;
using ActorTrain.Training.Observability;

namespace ActorTrain.Training.Decoupled;

internal sealed partial class DecoupledSupervisor
{
    private const int EvaluationWindow = 4;

    private readonly Dictionary<long, int> _evalReports = new();
    private Batch? _testBatch;
    private int _evalNext, _evalCorrect, _evalCodeHits, _evalCount;
    private double[] _evalLoss = [];

    /// <summary>The test split through the chained stages, a few batches in flight; each stage also scores its own target.</summary>
    private void StartEvaluation()
    {
        _testBatch ??= _test.CreateBatch();
        (_evalNext, _evalCorrect, _evalCodeHits, _evalCount) = (0, 0, 0, 0);
        _evalLoss = new double[_stages.Count];
        PumpEvaluation();
    }

    private void PumpEvaluation()
    {
        while (_evalReports.Count < EvaluationWindow && _evalNext < _test.BatchesPerEpoch)
        {
            _test.Fill(0, _evalNext, _testBatch!);
            _children[0].Tell(new EvaluateBatch(_evalNext, _testBatch!.FilledIndices.ToArray(), _testBatch.FilledLabels.ToArray(), null), Self);
            _evalReports[_evalNext++] = 0;
        }
        if (_evalReports.Count == 0) EndEvaluation();
    }

    private void OnStageEvaluated(StageEvaluated e)
    {
        _evalLoss[e.Stage] += e.LossSum;
        if (e.Stage == 0) _evalCodeHits += e.Correct;
        if (e.Stage == _stages.Count - 1)
        {
            _evalCorrect += e.Correct;
            _evalCount += e.Count;
        }
        var reports = _evalReports[e.Batch] + 1;
        if (reports < _stages.Count)
        {
            _evalReports[e.Batch] = reports;
            return;
        }
        _evalReports.Remove(e.Batch);
        PumpEvaluation();
    }

    private void EndEvaluation()
    {
        var count = Math.Max(1, _evalCount);
        _testAccuracy = (double)_evalCorrect / count;
        _testLoss = _evalLoss[^1] / count;
        var extra = new Dictionary<string, double>();
        for (var k = 0; k < _stages.Count; k++)
        {
            extra[$"stage-{Key(k)}-loss"] = _evalLoss[k] / count;
            extra[$"stage-{Key(k)}-train-loss"] = _epochBatches == 0 ? double.NaN : _trainLoss[k] / _epochBatches;
        }
        if (_stages.Count > 1) extra["stage-0-code-accuracy"] = (double)_evalCodeHits / count;
        _observer.OnEvaluation(new EvaluationMetrics(Mode, _position.Epoch, _position.Step, _testLoss.Value, _testAccuracy.Value,
            _clock.GetTimestamp(), extra));
        _log.Information("Epoch {Epoch} (decoupled): test accuracy {Accuracy:P2}, test loss {Loss:F4}, stage 0 nearest-code accuracy {CodeAccuracy:P2}",
            _position.Epoch + 1, _testAccuracy, _testLoss, (double)_evalCodeHits / count);
        NextEpoch();
    }

    private static string Key(int stage) => stage.ToString(CultureInfo.InvariantCulture);
}
