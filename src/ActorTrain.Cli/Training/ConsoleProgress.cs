using ActorTrain.Training.Observability;
using Spectre.Console;

namespace ActorTrain.Cli.Training;

/// <summary>
/// A progress bar per epoch with the running loss, test accuracy and samples/s, and the per-epoch figures for the
/// final summary table. Called from the supervisor's thread only (steps, evaluations), so it needs no locking of its own.
/// </summary>
internal sealed class ConsoleProgress(ProgressContext context, int epochs, int samplesPerEpoch, TimeProvider clock) : ITrainingObserver
{
    private readonly List<EpochFigures> _epochs = new();
    private ProgressTask? _task;
    private EpochFigures? _current;

    public IReadOnlyList<EpochFigures> Epochs => _epochs;

    public void OnStep(StepMetrics m)
    {
        if (_current is null || _current.Epoch != m.Epoch) StartEpoch(m.Epoch, m.Timestamp);
        var e = _current!;
        e.Samples += m.Samples;
        e.LossSum += m.Loss * m.Samples;
        e.LastTimestamp = m.Timestamp;
        _task!.Increment(m.Samples);
        _task.Description = Describe(e);
    }

    public void OnEvaluation(EvaluationMetrics m)
    {
        var e = _epochs.LastOrDefault(x => x.Epoch == m.Epoch);
        if (e is null) return;
        (e.TestAccuracy, e.TestLoss) = (m.Accuracy, m.Loss);
        if (_task is not null && _current == e) _task.Description = Describe(e);
    }


    public void OnRunFinished(bool succeeded, long timestamp)
    {
        if (_task is null) return;
        _task.Value = _task.MaxValue;
        _task.StopTask();
    }

    private void StartEpoch(int epoch, long timestamp)
    {
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
        _current = new EpochFigures(epoch, timestamp);
        _epochs.Add(_current);
        _task = context.AddTask(Describe(_current), maxValue: Math.Max(1, samplesPerEpoch));
    }

    private string Describe(EpochFigures e)
    {
        var rate = e.SamplesPerSecond(clock);
        var acc = e.TestAccuracy is { } a ? $" acc {a:P1}" : "";
        return Markup.Escape($"epoch {e.Epoch + 1}/{epochs} loss {e.MeanLoss:F4}{acc} {rate:N0} samples/s");
    }
}
