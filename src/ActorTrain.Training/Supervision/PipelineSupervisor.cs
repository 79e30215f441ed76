using ActorTrain.Actors;
using ActorTrain.Data.Loading;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Schedules;
using Serilog;

namespace ActorTrain.Training.Supervision;

/// <summary>
/// Owns a pipeline run, synchronous or without flush (async): creates the stage actors (pinned threads), feeds mini-batches, keeps up to
/// <see cref="StepWindow"/> of them queued so the first stage never idles between steps, evaluates after each epoch,
/// checkpoints at drained step boundaries, and fails the whole run cleanly on the first stage failure.
/// </summary>
internal sealed partial class PipelineSupervisor : ReceiveActor
{
    private const int StepWindow = 2;
    private const int EvaluationWindow = 4;

    private readonly TrainingOptions _options;
    private readonly IReadOnlyList<PipelineStage> _stages;
    private readonly BatchLoader _train;
    private readonly BatchLoader _test;
    private readonly ITrainingObserver _observer;
    private readonly TimeProvider _clock;
    private readonly TaskCompletionSource<TrainingResult> _done;
    private readonly ILogger _log;
    private readonly IPipelineSchedule _schedule;
    private readonly Batch _batch;
    private readonly List<IActorRef> _actors = new();
    private readonly Dictionary<long, (int Reported, int Samples)> _pendingSteps = new();
    private readonly long _startTimestamp;
    private readonly long[] _inputShape;

    private RunPosition _position;
    private long _nextStep;
    private long _samples;
    private double _lastLoss = double.NaN;
    private double? _testAccuracy, _testLoss;
    private bool _checkpointDue;
    private bool _drainSent;
    private long _checkpointedStep;
    private bool _finished;

    public PipelineSupervisor(
        TrainingOptions options,
        IReadOnlyList<PipelineStage> stages,
        BatchLoader train,
        BatchLoader test,
        RunPosition start,
        ITrainingObserver observer,
        TimeProvider clock,
        ILogger log,
        TaskCompletionSource<TrainingResult> done)
    {
        (_options, _stages, _train, _test, _position, _observer, _clock, _log, _done) =
            (options, stages, train, test, start, observer, clock, log, done);
        _schedule = ScheduleFactory.Create(options.Pipeline.Schedule);
        _batch = train.CreateBatch();
        _inputShape = options.Model.InputShape.Select(d => (long)d).ToArray();
        _nextStep = start.Step;
        _checkpointedStep = start.Step;
        _startTimestamp = clock.GetTimestamp();

        Receive<StepCompleted>(OnStepCompleted);
        Receive<EvaluationResult>(OnEvaluationResult);
        Receive<StageSaved>(OnStageSaved);
        Receive<StageFailed>(f => Fail(f.Reason, f.Stage));
        Receive<Terminated>(t => { if (!_finished) Fail(new InvalidOperationException($"{t.ActorRef.Path} stopped unexpectedly"), t.ActorRef.Path.ToString()); });
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        // A stage failure ends the run (restart-and-resume belongs to fault injection).
        new OneForOneStrategy(_ => Directive.Stop);

    protected override void OnChildFailure(ActorFailed failure) => Fail(failure.Cause, failure.Actor.Path.ToString());

    protected override void PreStart()
    {
        var threads = Math.Max(1, _options.Pipeline.ThreadsPerStage);
        for (var k = 0; k < _stages.Count; k++)
        {
            var stage = _stages[k];
            var inFlight = _options.Async.InFlightAt(k, _stages.Count);
            var props = (_options.WithoutFlush
                ? Props.Create(() => new AsyncStageActor(stage, inFlight, _options.Async, _observer, _clock, _log))
                : Props.Create<StageActor>(() => new SyncStageActor(stage, _schedule, _observer, _clock, _log))).WithDispatcher(Dispatchers.Pinned);
            var actor = Context.ActorOf(props, $"stage-{k}");
            Context.Watch(actor);
            _actors.Add(actor);
        }
        for (var k = 0; k < _actors.Count; k++)
            _actors[k].Tell(new WireStage(k > 0 ? _actors[k - 1] : null, k < _actors.Count - 1 ? _actors[k + 1] : null, Self), Self);
        if (_options.WithoutFlush)
            _log.Information("Pipeline without flush of {Stages} stages, {MicroBatches} micro-batches per mini-batch, an update after {Update}, weight stashing {Stashing}, in flight at most [{InFlight}], {Threads} thread(s) per stage",
                _stages.Count, _options.Pipeline.MicroBatches,
                _options.Async.StepEachMiniBatch ? "each mini-batch's last backward" : "every backward", _options.Async.WeightStashing ? "on" : "off",
                string.Join(", ", Enumerable.Range(0, _stages.Count).Select(k => _options.Async.InFlightAt(k, _stages.Count))), threads);
        else
            _log.Information("Pipeline of {Stages} stages, schedule {Schedule}, {MicroBatches} micro-batches, {Threads} thread(s) per stage",
                _stages.Count, _schedule.Name, _options.Pipeline.MicroBatches, threads);
        StartDryRun();
    }

    private bool StepLimitReached => _options.MaxSteps > 0 && _nextStep >= _options.MaxSteps;

    /// <summary>Whether another mini-batch may go out before the pipeline has drained (the window aside).</summary>
    private bool MoreToDispatch =>
        !_finished && !_checkpointDue && !AtCheckpointBoundary && _position.Epoch < _options.Epochs &&
        _position.Batch < _train.BatchesPerEpoch && !StepLimitReached;

    /// <summary>
    /// The next step would cross a checkpoint boundary not yet saved: dispatch stops there, so checkpoints fall on exact
    /// multiples of checkpoint-every (which the pipeline without flush needs to replay a run: a checkpoint drains it).
    /// </summary>
    private bool AtCheckpointBoundary =>
        _options.CheckpointEvery > 0 && _options.RunDirectory is not null && _nextStep % _options.CheckpointEvery == 0 && _nextStep != _checkpointedStep;

    /// <summary>
    /// Mini-batches kept dispatched. Without flush, stage 0's backward j waits for forward j+L-1, so the window must
    /// reach that far into the next mini-batches: 1 + ceil((L-1)/m) of them.
    /// </summary>
    private int Window => _options.WithoutFlush
        ? Math.Max(StepWindow, 1 + (_options.Async.InFlightAt(0, _stages.Count) - 1 + _options.Pipeline.MicroBatches - 1) / _options.Pipeline.MicroBatches)
        : StepWindow;

    /// <summary>Dispatches mini-batches while the window has room; ends the epoch once the last one is back.</summary>
    private void Pump()
    {
        if (!_dryRunDone) return;
        while (MoreToDispatch && _pendingSteps.Count < Window) Dispatch();
        // Nothing more comes until the pipeline is empty (a checkpoint, an evaluation or the end is next): stages
        // without flush must not wait for forwards that will not come. The notice may go out while the window is
        // still full; a stage's order does not depend on when it arrives.
        if (_options.WithoutFlush && !_drainSent && _pendingSteps.Count > 0 && !MoreToDispatch)
        {
            foreach (var actor in _actors) actor.Tell(PipelineDrain.Instance, Self);
            _drainSent = true;
        }

        if (_pendingSteps.Count > 0 || _finished) return;
        if (_checkpointDue)
        {
            SaveCheckpoint(final: false);
            return;
        }
        // A run resumed at or past its last epoch (a finished run, or a mode plan entry already done) trains nothing.
        if (_position.Batch >= _train.BatchesPerEpoch || StepLimitReached || _position.Epoch >= _options.Epochs) EndEpoch();
    }

    private void Dispatch()
    {
        _train.Fill(_position.Epoch, _position.Batch, _batch);
        var step = _nextStep++;
        var micro = MicroBatching.Split(_batch, _inputShape, _options.Pipeline.MicroBatches);
        for (var k = 0; k < _actors.Count; k++)
        {
            var first = k == 0;
            var last = k == _actors.Count - 1;
            _actors[k].Tell(new RunStep(step, micro.Count, _batch.Count,
                first ? micro.Inputs() : null, last ? micro.Labels() : null), Self);
        }
        micro.Dispose();
        _pendingSteps[step] = (0, _batch.Count);
        _drainSent = false;
        _samples += _batch.Count;
        _position = _position with { Batch = _position.Batch + 1 };
    }

    private void OnStepCompleted(StepCompleted done)
    {
        var (reported, samples) = _pendingSteps[done.Step];
        if (done.Loss is { } loss)
        {
            _lastLoss = loss;
            _observer.OnStep(new StepMetrics(_options.Mode, _position.Epoch, done.Step, loss, samples, _clock.GetTimestamp()));
        }
        _pendingSteps[done.Step] = (++reported, samples);
        if (reported < _actors.Count) return;
        _pendingSteps.Remove(done.Step);
        _position = _position with { Step = _position.Step + 1 };
        if (_options.CheckpointEvery > 0 && _position.Step % _options.CheckpointEvery == 0 && _options.RunDirectory is not null)
            _checkpointDue = true;
        Pump();
    }

    private void EndEpoch()
    {
        if (_options.EvaluateEachEpoch) StartEvaluation();
        else NextEpoch();
    }

    private void NextEpoch()
    {
        // A step limit can end the run mid-epoch: then the position stays where training stopped, so a checkpoint
        // taken now resumes at the right batch.
        if (_position.Batch >= _train.BatchesPerEpoch) _position = _position with { Epoch = _position.Epoch + 1, Batch = 0 };
        if (_position.Epoch >= _options.Epochs || StepLimitReached)
        {
            if (_options.RunDirectory is not null) SaveCheckpoint(final: true);
            else Finish();
            return;
        }
        Pump();
    }

    private void Fail(Exception reason, string where)
    {
        if (_finished) return;
        _finished = true;
        if (!_dryRunDone)
        {
            // The one-batch dry run failed: the stages do not fit together. Nothing was trained.
            _log.Error("Start-up check failed: {Reason}", reason.Message);
            _done.TrySetException(new TrainingSetupException($"start-up check failed: {reason.Message}", reason));
        }
        else
        {
            _log.Error(reason, "Training failed in {Where}; stopping every stage", where);
            _done.TrySetException(reason);
        }
        Context.Stop(Self);
    }

    private void Finish()
    {
        _finished = true;
        var elapsed = _clock.GetElapsedTime(_startTimestamp);
        _done.TrySetResult(new TrainingResult(_position.Step, _samples, _testAccuracy, _testLoss, _lastLoss, elapsed, _lastCheckpoint));
        Context.Stop(Self);
    }
}
