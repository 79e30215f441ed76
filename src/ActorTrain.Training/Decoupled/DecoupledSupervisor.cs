using ActorTrain.Config.Settings;
using ActorTrain.Data.Loading;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Decoupled.Messages;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Training.Decoupled;

/// <summary>
/// Owns a decoupled run: creates one stage actor per stage (a thread each), hands every stage the epoch's sample indices
/// and labels up to <see cref="DispatchWindow"/> batches ahead of the slowest stage, so each trains at its own pace
/// while an interrupt still stops them all at one batch; evaluates the chained stages once all of them have finished
/// the epoch, writes a final checkpoint, and fails the run cleanly on the first stage failure.
/// </summary>
internal sealed partial class DecoupledSupervisor : RunRootActor
{
    public const string Mode = "decoupled";

    /// <summary>How far the fastest stage may run ahead of the slowest, in batches (only indices and labels are queued); a clustered driver keeps the same.</summary>
    internal const int DispatchWindow = 8;

    private readonly TrainingOptions _options;
    private readonly DecoupledSettings _settings;
    private readonly IReadOnlyList<DecoupledStage> _stages;
    private readonly BatchLoader _train;
    private readonly BatchLoader _test;
    private readonly LinkFactory _links;
    private readonly Batch _batch;
    private readonly int[] _trained;
    private readonly double[] _trainLoss;

    private RunPosition _position;
    private int _epochBatches, _dispatched;

    public DecoupledSupervisor(TrainingOptions options, DecoupledSettings settings, IReadOnlyList<DecoupledStage> stages,
        BatchLoader train, BatchLoader test, RunPosition start, LinkFactory links, ITrainingObserver observer, TimeProvider clock, ILogger log,
        TaskCompletionSource<TrainingResult> done) : base(observer, clock, log, done)
    {
        (_options, _settings, _stages, _train, _test, _position, _links) = (options, settings, stages, train, test, start, links);
        _batch = train.CreateBatch();
        _trained = new int[stages.Count];
        _trainLoss = new double[stages.Count];

        Receive<BatchTrained>(OnBatchTrained);
        Receive<StageEvaluated>(OnStageEvaluated);
        Receive<Pipeline.Messages.StageSaved>(OnStageSaved);
    }

    protected override string RunName => "Decoupled training";

    protected override void PreStart()
    {
        foreach (var stage in _stages)
            StartChild(Props.Create(() => new DecoupledStageActor(stage, _train, _test, _settings.Variant, _observer, _clock))
                .WithDispatcher(StageDispatcher.Id), $"stage-{stage.Index}");
        for (var k = 0; k < _children.Count; k++)
        {
            var next = k < _children.Count - 1 ? _links.Connect(k, k + 1, _children[k + 1], _children[k], _observer, _clock) : null;
            _children[k].Tell(new WireDecoupledStage(next, Self), Self);
        }
        _log.Information("Decoupled training ({Variant}) of {Stages} stages, {Codes} codes, noise sigma {Sigma}",
            _settings.Variant, _stages.Count, _settings.Codes, _settings.NoiseSigma);
        StartEpoch();
    }

    private bool StepLimitReached => _options.MaxSteps > 0 && _position.Step >= _options.MaxSteps;

    private void StartEpoch()
    {
        if (_position.Epoch >= _options.Epochs || StepLimitReached || Interrupted)
        {
            End();
            return;
        }
        var last = _train.BatchesPerEpoch;
        if (_options.MaxSteps > 0) last = (int)Math.Min(last, _position.Batch + _options.MaxSteps - _position.Step);
        Array.Clear(_trained);
        Array.Clear(_trainLoss);
        (_epochBatches, _dispatched) = (last - _position.Batch, 0);
        if (_epochBatches == 0) End();
        else Dispatch();
    }

    /// <summary>Every stage gets the next batches up to the window; only indices and labels travel.</summary>
    private void Dispatch()
    {
        var limit = Interrupted ? _dispatched : Math.Min(_epochBatches, _trained.Min() + DispatchWindow);
        for (; _dispatched < limit; _dispatched++)
        {
            var b = _position.Batch + _dispatched;
            _train.Fill(_position.Epoch, b, _batch);
            var message = new TrainBatch(_position.Epoch, _position.Step + _dispatched, _batch.FilledIndices.ToArray(), _batch.FilledLabels.ToArray());
            foreach (var actor in _children) actor.Tell(message, Self);
            _samples += _batch.Count;
        }
    }

    protected override void OnInterrupted()
    {
        // Batches already sent are trained by every stage; the epoch then ends early where they stop.
        if (_trained.All(n => n == _dispatched) && _dispatched > 0) EndBatches();
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
        Dispatch();
        if (_trained.Any(n => n < _dispatched) || (_dispatched < _epochBatches && !Interrupted)) return;
        EndBatches();
    }

    /// <summary>Every stage has trained every batch sent: the position moves on, and an epoch that ended is evaluated.</summary>
    private void EndBatches()
    {
        _position = _position with { Step = _position.Step + _dispatched, Batch = _position.Batch + _dispatched };
        _dispatched = 0;
        if (_position.Batch >= _train.BatchesPerEpoch && _options.EvaluateEachEpoch) StartEvaluation();
        else NextEpoch();
    }

    private void NextEpoch()
    {
        // A step limit or an interrupt can end the run mid-epoch: the position then stays where training stopped.
        if (_position.Batch >= _train.BatchesPerEpoch) _position = _position with { Epoch = _position.Epoch + 1, Batch = 0 };
        StartEpoch();
    }

    private void End()
    {
        if (_options.RunDirectory is not null) SaveCheckpoint();
        else Finish(_position.Step);
    }
}
