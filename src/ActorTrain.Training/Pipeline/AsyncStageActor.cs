using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline.Messages;
using Serilog;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// A stage of the pipeline without flush (the async mode; PipeDream's 1F1B without a flush). Micro-batches stream
/// through in order across mini-batch boundaries, and the optimizer steps right after every backward. With L =
/// <see cref="MaxInFlight"/> (p - k at stage k by default) the stage runs F0..F(L-1), then B0 F(L) B1 F(L+1) ...:
/// forward i waits for backward i-L (at most L micro-batches hold activations) and backward j for forward j+L-1 (the
/// schedule's order). With <see cref="AsyncOptions.StepEachMiniBatch"/> gradients accumulate over a mini-batch's
/// micro-batches and the step follows its last backward (PipeDream-2BW): a step per mini-batch, as with a flush, and
/// still no bubble. The order is fixed, whatever the timing of arrivals, so a run is reproducible: a forward always
/// sees the same weight version. When the supervisor drains the pipeline (<see cref="PipelineDrain"/>) the forwards that
/// backwards would wait for never come, so the remaining backwards run back to back; the next mini-batch starts a new
/// stream with its own warm-up. A mini-batch is reported done once this stage has run the backward of all its
/// micro-batches.
/// </summary>
internal sealed class AsyncStageActor : StageActor
{
    private readonly bool _weightStashing;
    private readonly bool _stepEachMiniBatch;
    private readonly SortedDictionary<long, StepProgress> _steps = new();
    private readonly Queue<(long Step, int MicroBatch)> _inFlight = new();

    /// <summary>The next micro-batch to run forward; the step is -1 until the first mini-batch arrives.</summary>
    private (long Step, int MicroBatch) _nextForward = (-1, 0);

    // Counts within the current stream (since the last drain): micro-batches given, forwards and backwards run, and
    // the stream's length once the supervisor has said no more are coming.
    private long _given, _forwards, _backwards;
    private long _streamLength = long.MaxValue;

    public AsyncStageActor(PipelineStage stage, int maxInFlight, AsyncOptions options, ITrainingObserver observer, TimeProvider clock, ILogger log)
        : base(stage, observer, clock, log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        MaxInFlight = maxInFlight;
        _weightStashing = options.WeightStashing;
        _stepEachMiniBatch = options.StepEachMiniBatch;
    }

    /// <summary>Micro-batches whose forward ran here and whose backward has not, at most.</summary>
    public int MaxInFlight { get; }

    protected override void PreStart()
    {
        base.PreStart();
        _stage.UpdateWithoutFlush(_weightStashing);
    }

    protected override void OnRunStep(RunStep run)
    {
        // The supervisor drains the pipeline before a snapshot step, so nothing is in flight: the copy is one cut.
        if (run.SnapshotFirst) TakeSnapshot(run.Step);
        _steps.Add(run.Step, new StepProgress(run));
        _given += run.MicroBatches;
        if (_nextForward.Step < 0) _nextForward = (run.Step, 0);
        Advance();
    }

    protected override void OnDrain()
    {
        _streamLength = _given;
        EndStreamIfDone();
        Advance();
    }

    protected override void Advance()
    {
        while (TryBackward() || TryForward())
        {
        }
        if (_steps.Count > 0) StartWait();
        else ClearWait();
    }

    /// <summary>The oldest micro-batch in flight, once its gradient is back (gradients return in forward order) and its turn came.</summary>
    private bool TryBackward()
    {
        if (!_inFlight.TryPeek(out var oldest) || _forwards < Math.Min(_backwards + MaxInFlight, _streamLength)) return false;
        if (!_gradients.Remove(oldest, out var arrived)) return false;
        _inFlight.Dequeue();
        RunBackward(oldest.Step, oldest.MicroBatch, arrived);
        Updated(oldest.Step, oldest.MicroBatch);
        return true;
    }

    private bool TryForward()
    {
        if (_forwards >= _backwards + MaxInFlight || !_steps.TryGetValue(_nextForward.Step, out var progress)) return false;
        var (step, mb) = _nextForward;
        var run = progress.Run;
        Forward? arrived = null;
        if (!_stage.IsFirst && !_activations.Remove((step, mb), out arrived)) return false;

        var (loss, correct) = RunForward(step, mb, arrived?.Activation ?? run.Inputs![mb], run.Labels?[mb], run.BatchSize);
        if (_stage.IsLast) CheckFiniteLoss(loss, step);
        progress.LossSum += loss;
        progress.Correct += correct;
        _forwards++;
        _nextForward = mb + 1 < run.MicroBatches ? (step, mb + 1) : (step + 1, 0);
        if (_stage.IsLast)
        {
            // The loss is the last stage's output: its backward needs nothing from anyone, so it runs at once.
            RunBackward(step, mb, null);
            Updated(step, mb);
        }
        else
        {
            _inFlight.Enqueue((step, mb));
        }
        return true;
    }

    /// <summary>
    /// The optimizer steps after every backward, or (<see cref="AsyncOptions.StepEachMiniBatch"/>) after the last of a
    /// mini-batch's backwards, on the gradients all of them accumulated; the mini-batch is done here once all its
    /// backwards are. Backwards run in micro-batch order, so the last one closes its mini-batch.
    /// </summary>
    private void Updated(long step, int mb)
    {
        var progress = _steps[step];
        var closesMiniBatch = progress.BackwardsDone + 1 == progress.Run.MicroBatches;
        if (closesMiniBatch || !_stepEachMiniBatch) RunOptimizerStep(step, mb);
        _backwards++;
        if (++progress.BackwardsDone < progress.Run.MicroBatches) return;
        _steps.Remove(step);
        foreach (var l in progress.Run.Labels ?? []) l.Dispose();
        Supervisor!.Tell(new StepCompleted(Index, step, _stage.IsLast ? progress.LossSum / progress.Run.BatchSize : null, progress.Correct), Self);
        EndStreamIfDone();
    }

    /// <summary>After a drain, once every micro-batch given has run its backward, the next one starts a fresh stream.</summary>
    private void EndStreamIfDone()
    {
        if (_backwards < _streamLength) return;
        (_given, _forwards, _backwards, _streamLength) = (0, 0, 0, long.MaxValue);
    }

    protected override void DisposePending()
    {
        foreach (var progress in _steps.Values) progress.Run.DisposeTensors();
    }

    /// <summary>A rollback: the steps given are dropped and the next one given starts a fresh stream, as after a drain.</summary>
    protected override void ForgetSteps()
    {
        DisposePending();
        _steps.Clear();
        _inFlight.Clear();
        _stage.DiscardInFlight();
        (_given, _forwards, _backwards, _streamLength) = (0, 0, 0, long.MaxValue);
        _nextForward = (-1, 0);
    }

    private sealed class StepProgress(RunStep run)
    {
        public RunStep Run { get; } = run;
        public int BackwardsDone { get; set; }
        public double LossSum { get; set; }
        public int Correct { get; set; }
    }
}
