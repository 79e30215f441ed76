using ActorTrain.Cluster.Messages;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Cluster.Driver;

internal sealed partial class ClusterDriver
{
    private const int EvaluationWindow = 4;

    private readonly EvaluationPass _evaluation = new(EvaluationWindow);
    private double? _testAccuracy, _testLoss;

    /// <summary>Forward-only pass over the test split through the workers' stages, a few batches in flight at a time.</summary>
    private void StartEvaluation()
    {
        _evaluation.Start();
        PumpEvaluation();
    }

    private void PumpEvaluation()
    {
        var firstStageHost = _workers.First(w => w.Stages.Contains(0)).StageHost!;
        while (_evaluation.TrySend(_shape.TestBatches, out var batch)) firstStageHost.Tell(new EvaluateAt(batch), Self);
        if (!_evaluation.Done) return;

        (_testAccuracy, _testLoss) = (_evaluation.Accuracy, _evaluation.Loss);
        _observer.OnEvaluation(_evaluation.Report(_options.Mode, _position.Epoch, _position.Step, _clock.GetTimestamp(), _log));
        NextEpoch();
    }

    private void OnEvaluationResult(EvaluationResult r)
    {
        if (_finished) return;
        _evaluation.Add(r);
        PumpEvaluation();
    }
}
