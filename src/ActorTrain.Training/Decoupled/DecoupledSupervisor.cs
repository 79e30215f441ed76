using ActorTrain.Actors;
using ActorTrain.Config.Settings;
using ActorTrain.Data.Loading;
using ActorTrain.Training.Decoupled.Messages;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Supervision;
using Serilog;

namespace ActorTrain.Training.Decoupled;

/// <summary>
/// Owns a decoupled run: creates one stage actor per stage (pinned threads), hands every stage the whole epoch of
/// sample indices and labels at once so each trains at its own pace, evaluates the chained stages once all of them
/// have finished the epoch, writes a final checkpoint, and fails the run cleanly on the first stage failure.
/// </summary>
internal sealed partial class DecoupledSupervisor : ReceiveActor
{
    public const string Mode = "decoupled";

    private readonly TrainingOptions _options;
    private readonly DecoupledSettings _settings;
    private readonly IReadOnlyList<DecoupledStage> _stages;
    private readonly BatchLoader _train;
    private readonly BatchLoader _test;
    private readonly ITrainingObserver _observer;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly TaskCompletionSource<TrainingResult> _done;
    private readonly Batch _batch;
    private readonly List<IActorRef> _actors = new();
    private readonly int[] _trained;
    private readonly double[] _trainLoss;
    private readonly long _startTimestamp;

    private RunPosition _position;
    private int _epochBatches;
    private long _samples;
    private double _lastLoss = double.NaN;
    private double? _testAccuracy, _testLoss;
    private bool _finished;

    public DecoupledSupervisor(TrainingOptions options, DecoupledSettings settings, IReadOnlyList<DecoupledStage> stages,
        BatchLoader train, BatchLoader test, RunPosition start, ITrainingObserver observer, TimeProvider clock, ILogger log,
        TaskCompletionSource<TrainingResult> done)
    {
        (_options, _settings, _stages, _train, _test, _position, _observer, _clock, _log, _done) =
            (options, settings, stages, train, test, start, observer, clock, log, done);
        _batch = train.CreateBatch();
        _trained = new int[stages.Count];
        _trainLoss = new double[stages.Count];
        _startTimestamp = clock.GetTimestamp();

        Receive<BatchTrained>(OnBatchTrained);
        Receive<StageEvaluated>(OnStageEvaluated);
        Receive<Pipeline.Messages.StageSaved>(OnStageSaved);
        Receive<StageFailed>(f => Fail(f.Reason, f.Stage));
        Receive<Terminated>(t => { if (!_finished) Fail(new InvalidOperationException($"{t.ActorRef.Path} stopped unexpectedly"), t.ActorRef.Path.ToString()); });
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    protected override void OnChildFailure(ActorFailed failure) => Fail(failure.Cause, failure.Actor.Path.ToString());

    protected override void PreStart()
    {
        foreach (var stage in _stages)
        {
            var props = Props.Create(() => new DecoupledStageActor(stage, _train, _test, _settings.Variant, _observer, _clock))
                .WithDispatcher(Dispatchers.Pinned);
            var actor = Context.ActorOf(props, $"stage-{stage.Index}");
            Context.Watch(actor);
            _actors.Add(actor);
        }
        for (var k = 0; k < _actors.Count; k++)
            _actors[k].Tell(new WireDecoupledStage(k < _actors.Count - 1 ? _actors[k + 1] : null, Self), Self);
        _log.Information("Decoupled training ({Variant}) of {Stages} stages, {Codes} codes, noise sigma {Sigma}",
            _settings.Variant, _stages.Count, _settings.Codes, _settings.NoiseSigma);
        StartEpoch();
    }

    private bool StepLimitReached => _options.MaxSteps > 0 && _position.Step >= _options.MaxSteps;

    /// <summary>Every stage gets every batch of the epoch now; only indices and labels travel.</summary>
    private void StartEpoch()
    {
        if (_position.Epoch >= _options.Epochs || StepLimitReached)
        {
            End();
            return;
        }
        var last = _train.BatchesPerEpoch;
        if (_options.MaxSteps > 0) last = (int)Math.Min(last, _position.Batch + _options.MaxSteps - _position.Step);
        Array.Clear(_trained);
        Array.Clear(_trainLoss);
        _epochBatches = last - _position.Batch;
        for (var b = _position.Batch; b < last; b++)
        {
            _train.Fill(_position.Epoch, b, _batch);
            var message = new TrainBatch(_position.Epoch, _position.Step + b - _position.Batch, _batch.FilledIndices.ToArray(), _batch.FilledLabels.ToArray());
            foreach (var actor in _actors) actor.Tell(message, Self);
            _samples += _batch.Count;
        }
        if (_epochBatches == 0) End();
    }

    private void OnBatchTrained(BatchTrained done)
    {
        _trained[done.Stage]++;
        _trainLoss[done.Stage] += done.Loss;
        if (done.Stage == _stages.Count - 1)
        {
            _lastLoss = done.Loss;
            _observer.OnStep(new StepMetrics(Mode, done.Epoch, done.Step, done.Loss, done.Samples, _clock.GetTimestamp()));
        }
        if (_trained.Any(n => n < _epochBatches)) return;

        _position = _position with { Step = _position.Step + _epochBatches, Batch = _position.Batch + _epochBatches };
        if (_position.Batch >= _train.BatchesPerEpoch && _options.EvaluateEachEpoch) StartEvaluation();
        else NextEpoch();
    }

    private void NextEpoch()
    {
        // A step limit can end the run mid-epoch: the position then stays where training stopped.
        if (_position.Batch >= _train.BatchesPerEpoch) _position = _position with { Epoch = _position.Epoch + 1, Batch = 0 };
        StartEpoch();
    }

    private void End()
    {
        if (_options.RunDirectory is not null) SaveCheckpoint();
        else Finish();
    }

    private void Fail(Exception reason, string where)
    {
        if (_finished) return;
        _finished = true;
        _log.Error(reason, "Decoupled training failed in {Where}; stopping every stage", where);
        _done.TrySetException(reason);
        Context.Stop(Self);
    }

    private void Finish()
    {
        _finished = true;
        _done.TrySetResult(new TrainingResult(_position.Step, _samples, _testAccuracy, _testLoss, _lastLoss,
            _clock.GetElapsedTime(_startTimestamp), _lastCheckpoint));
        Context.Stop(Self);
    }
}
