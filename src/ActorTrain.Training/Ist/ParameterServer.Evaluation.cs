using ActorTrain.Config.Settings;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.Ist;

internal sealed partial class ParameterServer
{
    /// <summary>Recalibration reads this many training batches; enough for stable statistics, cheap next to an epoch.</summary>
    private const int CalibrationBatches = 20;

    /// <summary>
    /// Tests the full model. With batch statistics (the IST paper's reference) batch norm stays in training mode under
    /// no-grad and normalises each test batch by its own statistics; with recalibration the running statistics are
    /// recomputed from training batches first and the model is evaluated in eval mode.
    /// </summary>
    private void Evaluate()
    {
        var model = _setup.Model;
        if (_setup.Ist.BnEval == BatchNormEval.Recalibrate)
        {
            BatchNormRecalibration.Recalibrate(model, _setup.Calibration, _epoch, CalibrationBatches);
            model.Eval();
        }
        var (loss, accuracy) = WholeModel.Evaluate(model, _setup.Test);
        model.Train();
        (_testLoss, _testAccuracy) = (loss, accuracy);
        var (low, high) = IstTraffic.Predicted(Workers);
        var extra = new Dictionary<string, double>
        {
            ["ist.bytes_per_round"] = _round == 0 ? 0 : (double)_bytes / _round,
            ["ist.weight_share_per_worker"] = WeightShare,
            ["ist.predicted_share_low"] = low,
            ["ist.predicted_share_high"] = high,
        };
        _observer.OnEvaluation(new EvaluationMetrics(IstRun.Mode, _epoch, _round, loss, accuracy, _clock.GetTimestamp(), extra));
        _log.Information("Epoch {Epoch}: test accuracy {Accuracy:P2}, test loss {Loss:F4}", _epoch + 1, accuracy, loss);
    }
}
