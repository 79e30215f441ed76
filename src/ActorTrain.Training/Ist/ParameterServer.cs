using ActorTrain.Actors;
using ActorTrain.Config.Settings;
using ActorTrain.Data;
using ActorTrain.Torch;
using ActorTrain.Training.Ist.Messages;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Supervision;
using Serilog;

namespace ActorTrain.Training.Ist;

/// <summary>
/// Holds the full model and runs IST rounds: draws a partition of every hidden layer, sends each worker its slices,
/// and writes the slices that come back into the full tensors at the same indices (shared per-class tensors are
/// averaged). Evaluates the full model after each epoch; checkpoints at round ends and at the end of the run. The first
/// failure anywhere fails the run.
/// </summary>
internal sealed partial class ParameterServer : ReceiveActor
{
    private readonly IstSetup _setup;
    private readonly ITrainingObserver _observer;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly TaskCompletionSource<TrainingResult> _done;
    private readonly List<IActorRef> _workers = new();
    private readonly Dictionary<string, Tensor> _full;
    private readonly Dictionary<string, Tensor> _optimizerState = new();
    private readonly Dictionary<string, Tensor> _sharedSums = new();
    private readonly long _startTimestamp;

    private Tensor[][] _index = [];
    private long _optimizerSteps;
    private int _arrived;
    private double _roundLoss;
    private int _roundSamples;
    private long _round;
    private int _epoch, _batch;
    private long _samples, _bytes;
    private double _lastLoss = double.NaN;
    private double? _testAccuracy, _testLoss;
    private bool _finished;

    public ParameterServer(IstSetup setup, ITrainingObserver observer, TimeProvider clock, ILogger log, TaskCompletionSource<TrainingResult> done)
    {
        (_setup, _observer, _clock, _log, _done) = (setup, observer, clock, log, done);
        var state = setup.Model.StateDict();
        _full = setup.Layout.Rules.Keys.ToDictionary(name => name, name => state[name]);
        (_epoch, _batch, _round) = (setup.Start.Epoch, setup.Start.Batch, setup.Start.Step);
        foreach (var (key, value) in setup.OptimizerState) _optimizerState[key] = value;
        _optimizerSteps = setup.OptimizerSteps;
        _startTimestamp = clock.GetTimestamp();

        Receive<SubnetTrained>(OnSubnetTrained);
        Receive<StageFailed>(f => Fail(f.Reason, f.Stage));
        Receive<Terminated>(t => { if (!_finished) Fail(new InvalidOperationException($"{t.ActorRef.Path} stopped unexpectedly"), t.ActorRef.Path.ToString()); });
    }

    private int Workers => _setup.Trainers.Count;

    private bool Travel => _setup.Ist.OptimizerState == IstOptimizerState.Travel;

    private bool StepLimitReached => _setup.Options.MaxSteps > 0 && _round >= _setup.Options.MaxSteps;

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    protected override void OnChildFailure(ActorFailed failure) => Fail(failure.Cause, failure.Actor.Path.ToString());

    protected override void PreStart()
    {
        Torch.Torch.SetThreads(_setup.Threads);
        foreach (var trainer in _setup.Trainers)
        {
            var props = Props.Create(() => new SubnetWorker(trainer, _setup.Threads, _observer, _clock)).WithDispatcher(Dispatchers.Pinned);
            var actor = Context.ActorOf(props, $"worker-{trainer.Worker}");
            Context.Watch(actor);
            _workers.Add(actor);
        }
        var (low, high) = IstTraffic.Predicted(Workers);
        _log.Information("IST: {Workers} workers, {LocalSteps} local steps per round, {Rounds} rounds per epoch; a worker gets {Share:P1} of the weights per round (predicted {Low:P1} to {High:P1})",
            Workers, _setup.Ist.LocalSteps, _setup.RoundsPerEpoch, WeightShare, low, high);
        StartRound();
    }

    private double WeightShare => IstTraffic.WeightShare(_setup.Model, _setup.Layout, _setup.HiddenWidths, Workers, 0);

    private void StartRound()
    {
        if (_finished) return;
        if (_epoch >= _setup.Options.Epochs || StepLimitReached)
        {
            if (_setup.Options.RunDirectory is not null && _lastSaved != Position) SaveCheckpoint();
            if (!_finished) Finish();
            return;
        }
        var firstBatch = _batch;
        var steps = RoundSteps;
        var random = new SeededRandom((ulong)_setup.Options.Seed, (ulong)_round);
        var partitions = _setup.HiddenWidths.Select(w => SubnetPartition.Draw(w, Workers, random)).ToList();
        _index = Enumerable.Range(0, Workers)
            .Select(w => partitions.Select(p => Tensor.FromSpan(p[w].Select(i => (long)i).ToArray(), [p[w].Count])).ToArray())
            .ToArray();
        for (var w = 0; w < Workers; w++)
        {
            var start = _clock.GetTimestamp();
            var slices = Scatter(_index[w]);
            var bytes = slices.Bytes;
            _bytes += bytes;
            // Recorded before sending, so the span on the worker's lane ends before the worker starts the round.
            _observer.OnSpan(new Span(w, SpanKind.Send, _round, -1, start, _clock.GetTimestamp(), bytes));
            _workers[w].Tell(new TrainSubnet(_round, _epoch, firstBatch, steps, slices), Self);
        }
    }

    /// <summary>A round never crosses an epoch's end, so the last round of an epoch may be shorter.</summary>
    private int RoundSteps => Math.Min(_setup.Ist.LocalSteps, _setup.BatchesPerEpoch - _batch);

    private SubnetSlices Scatter(IReadOnlyList<Tensor> index)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, full) in _full) tensors[name] = SliceLayout.Cut(full, _setup.Layout.Rules[name], index);
        if (Travel)
            foreach (var (key, full) in _optimizerState) tensors[key] = SliceLayout.Cut(full, _setup.Layout.RuleFor(key), index);
        return new SubnetSlices(tensors, _optimizerSteps);
    }

    private void OnSubnetTrained(SubnetTrained trained)
    {
        using var slices = trained.Slices;
        if (_finished) return;
        _bytes += slices.Bytes;
        using (Torch.Torch.NoGrad())
            foreach (var (key, slice) in slices.Tensors)
            {
                var rule = _setup.Layout.RuleFor(key);
                if (!rule.Shared) SliceLayout.Paste(Target(key), rule, _index[trained.Worker], slice);
                else if (_sharedSums.TryGetValue(key, out var sum)) sum.Add_(slice);
                else _sharedSums[key] = slice.Clone();
            }
        _optimizerSteps = Math.Max(_optimizerSteps, slices.OptimizerSteps);
        _roundLoss += trained.LossSum;
        _roundSamples += trained.Samples;
        if (++_arrived < Workers) return;
        EndRound();
    }

    /// <summary>The full tensor a key writes into; optimizer state starts at zero where no worker has trained yet.</summary>
    private Tensor Target(string key)
    {
        if (_full.TryGetValue(key, out var tensor)) return tensor;
        if (!_optimizerState.TryGetValue(key, out tensor))
        {
            var parameter = _full[key[..key.IndexOf(SubnetSlices.StateSeparator)]];
            _optimizerState[key] = tensor = Tensor.Zeros(parameter.Shape);
        }
        return tensor;
    }

    private void EndRound()
    {
        using (Torch.Torch.NoGrad())
            foreach (var (key, sum) in _sharedSums)
            {
                sum.Div_(Workers);
                Target(key).Copy_(sum);
                sum.Dispose();
            }
        _sharedSums.Clear();
        DisposeIndex();

        _lastLoss = _roundSamples == 0 ? 0 : _roundLoss / _roundSamples;
        _observer.OnStep(new StepMetrics(IstRun.Mode, _epoch, _round, _lastLoss, _roundSamples, _clock.GetTimestamp()));
        _samples += _roundSamples;
        (_arrived, _roundLoss, _roundSamples) = (0, 0, 0);
        var before = LocalSteps;
        _round++;
        _batch += RoundSteps;
        var epochDone = _batch >= _setup.BatchesPerEpoch;
        if (epochDone || StepLimitReached)
        {
            if (_setup.Options.EvaluateEachEpoch) Evaluate();
            if (epochDone) (_epoch, _batch) = (_epoch + 1, 0);
        }
        if (CheckpointDue(before)) SaveCheckpoint();
        StartRound();
    }

    private void Fail(Exception reason, string where)
    {
        if (_finished) return;
        _finished = true;
        _log.Error(reason, "IST failed in {Where}; stopping every worker", where);
        _done.TrySetException(reason);
        Context.Stop(Self);
    }

    private void Finish()
    {
        _finished = true;
        _done.TrySetResult(new TrainingResult(_round, _samples, _testAccuracy, _testLoss, _lastLoss, _clock.GetElapsedTime(_startTimestamp), _lastCheckpoint));
        Context.Stop(Self);
    }

    protected override void PostStop()
    {
        DisposeIndex();
        foreach (var t in _sharedSums.Values.Concat(_optimizerState.Values)) t.Dispose();
        _sharedSums.Clear();
        _optimizerState.Clear();
    }

    private void DisposeIndex()
    {
        foreach (var t in _index.SelectMany(x => x)) t.Dispose();
        _index = [];
    }
}
