using ActorTrain.Data.Loading;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Schedules;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Training.PipelineParallel;

/// <summary>
/// Owns a pipeline run, synchronous or without flush (async): creates the stage actors (a thread each), links them,
/// feeds mini-batches, keeps up to <see cref="StepWindow"/> of them queued so the first stage never idles between steps,
/// evaluates after each epoch, checkpoints at drained step boundaries, and fails the whole run cleanly on the first
/// stage failure, unless recovery is on: then it rolls every stage back to an in-memory snapshot and replays
/// (PipelineSupervisor.Recovery.cs). An interrupt stops dispatching; the pipeline drains and a final checkpoint is written.
/// </summary>
internal sealed partial class PipelineSupervisor : RunRootActor
{
    private const int StepWindow = 2;
    private const int EvaluationWindow = 4;

    private readonly TrainingOptions _options;
    private readonly IReadOnlyList<PipelineStage> _stages;
    private readonly BatchLoader _train;
    private readonly BatchLoader _test;
    private readonly LinkFactory _links;
    private readonly ICheckpointCommit _commit;
    private readonly IPipelineSchedule _schedule;
    private readonly Batch _batch;
    private readonly Dictionary<long, (int Reported, int Samples)> _pendingSteps = new();
    private readonly long[] _inputShape;

    private RunPosition _position;
    private long _nextStep;
    private bool _checkpointDue;
    private bool _drainSent;
    private long _checkpointedStep;

    public PipelineSupervisor(
        TrainingOptions options,
        IReadOnlyList<PipelineStage> stages,
        BatchLoader train,
        BatchLoader test,
        RunPosition start,
        LinkFactory links,
        ICheckpointCommit commit,
        ITrainingObserver observer,
        TimeProvider clock,
        ILogger log,
        TaskCompletionSource<TrainingResult> done) : base(observer, clock, log, done, resumeFailedChildren: options.Recovery.Enabled)
    {
        (_options, _stages, _train, _test, _position, _links, _commit) = (options, stages, train, test, start, links, commit);
        _schedule = ScheduleFactory.Create(options.Pipeline.Schedule);
        _batch = train.CreateBatch();
        _inputShape = options.Model.InputShape.Select(d => (long)d).ToArray();
        _nextStep = start.Step;
        _checkpointedStep = start.Step;

        Receive<StepCompleted>(OnStepCompleted);
        Receive<EvaluationResult>(OnEvaluationResult);
        Receive<StageSaved>(OnStageSaved);
        ReceiveRecovery();
    }

    protected override string RunName => "Training";

    protected override void ChildFailed(Exception cause, string child)
    {
        if (_dryRunDone) base.ChildFailed(cause, child);
        else FailStartup(cause);
    }

    protected override void PreStart()
    {
        var threads = Math.Max(1, _options.Pipeline.ThreadsPerStage);
        for (var k = 0; k < _stages.Count; k++)
        {
            var stage = _stages[k];
            var inFlight = _options.Async.InFlightAt(k, _stages.Count);
            var props = _options.WithoutFlush
                ? Props.Create(() => new AsyncStageActor(stage, inFlight, _options.Async, _observer, _clock, _log))
                : Props.Create(() => new SyncStageActor(stage, _schedule, _observer, _clock, _log));
            StartChild(props.WithDispatcher(StageDispatcher.Id), $"stage-{k}");
        }
        for (var k = 0; k < _children.Count; k++) _children[k].Tell(Wiring(k, _links), Self);
        StartWatchdog();
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

    private IStageLink? Link(LinkFactory links, int from, int to) =>
        to < 0 || to >= _children.Count ? null : links.ConnectSequenced(from, to, _children[to], _children[from], Context.System.Scheduler, _observer, _clock);

    protected override void OnInterrupted() => Pump();

    private bool StepLimitReached => _options.MaxSteps > 0 && _nextStep >= _options.MaxSteps;

    /// <summary>Whether another mini-batch may go out before the pipeline has drained (the window aside).</summary>
    private bool MoreToDispatch =>
        !_finished && !Interrupted && !RollingBack && !_checkpointDue && !AtCheckpointBoundary && !AtSnapshotBoundary && _position.Epoch < _options.Epochs &&
        _position.Batch < _train.BatchesPerEpoch && !StepLimitReached;

    /// <summary>
    /// The next step would cross a checkpoint boundary not yet saved: dispatch stops there, so checkpoints fall on exact
    /// multiples of checkpoint-every (which the pipeline without flush needs to replay a run: a checkpoint drains it).
    /// </summary>
    private bool AtCheckpointBoundary =>
        _options.CheckpointEvery > 0 && _options.RunDirectory is not null && _nextStep % _options.CheckpointEvery == 0 && _nextStep != _checkpointedStep;

    /// <summary>Mini-batches kept dispatched: without flush, far enough ahead for stage 0's backwards (see <see cref="AsyncOptions.DispatchWindow"/>).</summary>
    private int Window => _options.WithoutFlush ? _options.Async.DispatchWindow(_stages.Count, _options.Pipeline.MicroBatches, StepWindow) : StepWindow;

    /// <summary>Dispatches mini-batches while the window has room; ends the epoch once the last one is back.</summary>
    private void Pump()
    {
        if (!_dryRunDone || RollingBack) return;
        while (MoreToDispatch && _pendingSteps.Count < Window) Dispatch();
        // Nothing more comes until the pipeline is empty (a checkpoint, an evaluation or the end is next): stages
        // without flush must not wait for forwards that will not come. The notice may go out while the window is
        // still full; a stage's order does not depend on when it arrives.
        if (_options.WithoutFlush && !_drainSent && _pendingSteps.Count > 0 && !MoreToDispatch)
        {
            foreach (var actor in _children) actor.Tell(PipelineDrain.Instance, Self);
            _drainSent = true;
        }

        if (_pendingSteps.Count > 0 || _finished) return;
        if (_checkpointDue)
        {
            SaveCheckpoint(final: false);
            return;
        }
        if (Interrupted)
        {
            End();
            return;
        }
        // A run resumed at or past its last epoch (a finished run, or a mode plan entry already done) trains nothing.
        if (_position.Batch >= _train.BatchesPerEpoch || StepLimitReached || _position.Epoch >= _options.Epochs) EndEpoch();
    }

    private void Dispatch()
    {
        _train.Fill(_position.Epoch, _position.Batch, _batch);
        var step = _nextStep++;
        var snapshot = SnapshotBefore(step);
        var micro = MicroBatching.Split(_batch, _inputShape, _options.Pipeline.MicroBatches);
        for (var k = 0; k < _children.Count; k++)
        {
            var first = k == 0;
            var last = k == _children.Count - 1;
            _children[k].Tell(new RunStep(step, micro.Count, _batch.Count,
                first ? micro.Inputs() : null, last ? micro.Labels() : null, snapshot), Self);
        }
        micro.Dispose();
        _pendingSteps[step] = (0, _batch.Count);
        _drainSent = false;
        _samples += _batch.Count;
        _position = _position with { Batch = _position.Batch + 1 };
    }

    private void OnStepCompleted(StepCompleted done)
    {
        _watchdog?.Heard(done.Stage, _clock.GetTimestamp());
        // A report from before a rollback (the step was dropped) or while one is under way counts for nothing.
        if (RollingBack || !_pendingSteps.TryGetValue(done.Step, out var pending)) return;
        var (reported, samples) = pending;
        StageFinished(done.Stage, done.Step);
        if (done.Loss is { } loss)
        {
            _lastLoss = loss;
            _observer.OnStep(new StepMetrics(_options.Mode, _position.Epoch, done.Step, loss, samples, _clock.GetTimestamp()));
        }
        _pendingSteps[done.Step] = (++reported, samples);
        if (reported < _children.Count) return;
        _pendingSteps.Remove(done.Step);
        _position = _position with { Step = _position.Step + 1 };
        StepDoneEverywhere(done.Step);
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
            End();
            return;
        }
        Pump();
    }

    /// <summary>The run is over (done or interrupted) with the pipeline drained: a final checkpoint records where it stands.</summary>
    private void End()
    {
        if (_options.RunDirectory is not null) SaveCheckpoint(final: true);
        else Finish(_position.Step);
    }

    /// <summary>The one-batch dry run failed: the stages do not fit together and nothing was trained (exit code 2).</summary>
    private void FailStartup(Exception reason)
    {
        _log.Error("Start-up check failed: {Reason}", reason.Message);
        Fail(new TrainingSetupException($"start-up check failed: {reason.Message}", reason), where: null);
    }
}
