using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.Schedules;
using Serilog;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// A stage of the synchronous pipeline. It walks its schedule's action list for one mini-batch at a time; an action
/// whose input has not arrived yet makes it wait. After its last action it steps its optimizer (the flush) and
/// reports to the supervisor, then starts the next queued mini-batch.
/// </summary>
internal sealed class SyncStageActor : StageActor
{
    private readonly IPipelineSchedule _schedule;
    private readonly Queue<RunStep> _queuedSteps = new();

    private RunStep? _current;
    private IReadOnlyList<PipelineAction> _actions = [];
    private int _cursor;
    private double _lossSum;
    private int _correct;

    public SyncStageActor(PipelineStage stage, IPipelineSchedule schedule, ITrainingObserver observer, TimeProvider clock, ILogger log)
        : base(stage, observer, clock, log) => _schedule = schedule;

    protected override void OnRunStep(RunStep run)
    {
        _queuedSteps.Enqueue(run);
        if (_current is null) StartNextStep();
    }

    private void StartNextStep()
    {
        if (!_queuedSteps.TryDequeue(out var run)) return;
        if (run.SnapshotFirst) TakeSnapshot(run.Step);
        _current = run;
        _actions = _schedule.ActionsFor(Index, _stage.Count, run.MicroBatches);
        _cursor = 0;
        _lossSum = 0;
        _correct = 0;
        StartWait();
        Advance();
    }

    /// <summary>Runs schedule actions until one lacks its input, or the mini-batch is done.</summary>
    protected override void Advance()
    {
        while (_current is { } run && _cursor < _actions.Count)
        {
            var action = _actions[_cursor];
            var ran = action.Kind == ActionKind.Forward ? TryForward(run, action.MicroBatch) : TryBackward(run, action.MicroBatch);
            if (!ran)
            {
                StartWait();
                return;
            }
            _log.Debug("{Action} of step {Step} micro-batch {MicroBatch} done", action.Kind, run.Step, action.MicroBatch);
            _cursor++;
        }
        if (_current is not null) FinishStep(_current);
    }

    private bool TryForward(RunStep run, int mb)
    {
        Forward? arrived = null;
        if (!_stage.IsFirst && !_activations.Remove((run.Step, mb), out arrived)) return false;
        var (loss, correct) = RunForward(run.Step, mb, arrived?.Activation ?? run.Inputs![mb], run.Labels?[mb], run.BatchSize);
        _lossSum += loss;
        _correct += correct;
        return true;
    }

    private bool TryBackward(RunStep run, int mb)
    {
        Backward? arrived = null;
        if (!_stage.IsLast && !_gradients.Remove((run.Step, mb), out arrived)) return false;
        RunBackward(run.Step, mb, arrived);
        return true;
    }

    private void FinishStep(RunStep run)
    {
        CheckFiniteLoss(_lossSum, run.Step);
        RunOptimizerStep(run.Step, -1);
        // The first stage's inputs were consumed by the forwards; labels are only read: free them now.
        foreach (var l in run.Labels ?? []) l.Dispose();
        Supervisor!.Tell(new StepCompleted(Index, run.Step, _stage.IsLast ? _lossSum / run.BatchSize : null, _correct), Self);
        _current = null;
        ClearWait();
        StartNextStep();
    }

    protected override void ForgetSteps()
    {
        DisposePending();
        _queuedSteps.Clear();
        _current = null;
        _stage.DiscardInFlight();
    }

    protected override void DisposePending()
    {
        foreach (var run in _queuedSteps.Append(_current).OfType<RunStep>()) run.DisposeTensors();
    }
}
