using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;
using Serilog;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// One pass over the test split through a pipeline, a few batches in flight at a time: which batch goes out next, how
/// many are out, and the tally of what came back (summed loss, correct predictions, samples).
/// </summary>
internal sealed class EvaluationPass(int window)
{
    private int _outstanding, _correct, _count;
    private double _lossSum;

    public int Next { get; private set; }

    public void Start() => (Next, _outstanding, _correct, _count, _lossSum) = (0, 0, 0, 0, 0);

    /// <summary>Whether another of <paramref name="batches"/> test batches may go out now; if so it counts as sent.</summary>
    public bool TrySend(int batches, out int batch)
    {
        batch = Next;
        if (_outstanding >= window || Next >= batches) return false;
        Next++;
        _outstanding++;
        return true;
    }

    public void Add(EvaluationResult result)
    {
        _outstanding--;
        _correct += result.Correct;
        _count += result.Count;
        _lossSum += result.LossSum;
    }

    /// <summary>Every batch sent has come back.</summary>
    public bool Done => _outstanding == 0;

    public double Accuracy => _count == 0 ? 0 : (double)_correct / _count;

    public double Loss => _count == 0 ? 0 : _lossSum / _count;

    /// <summary>The finished pass as the metrics an observer gets after <paramref name="epoch"/>, logged as the epoch's line.</summary>
    public EvaluationMetrics Report(string mode, int epoch, long step, long timestamp, ILogger log)
    {
        log.Information("Epoch {Epoch}: test accuracy {Accuracy:P2}, test loss {Loss:F4}", epoch + 1, Accuracy, Loss);
        return new EvaluationMetrics(mode, epoch, step, Loss, Accuracy, timestamp);
    }
}
