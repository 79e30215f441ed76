using ActorTrain.Config.Settings;
using ActorTrain.Data;
using ActorTrain.Torch;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Ist.Messages;
using ActorTrain.Training.Observability;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Training.Ist;

/// <summary>
/// Holds the full model and runs IST rounds: draws a partition of every hidden layer, sends each worker its slices,
/// and writes the slices that come back into the full tensors at the same indices (shared per-class tensors are
/// averaged). Evaluates the full model after each epoch; checkpoints at round ends and at the end of the run. The first
/// failure anywhere fails the run; an interrupt ends it at the next round end.
/// </summary>
internal sealed partial class ParameterServer : RunRootActor
{
    private readonly IstSetup _setup;
    private readonly Dictionary<string, Tensor> _full;
    private readonly Dictionary<string, Tensor> _optimizerState = new();
    private readonly Dictionary<string, Tensor[]> _sharedSlices = new();

    private Tensor[][] _index = [];
    private long _optimizerSteps;
    private int _arrived;
    private double _roundLoss;
    private int _roundSamples;
    private long _round;
    private int _epoch, _batch;
    private long _bytes;

    public ParameterServer(IstSetup setup, ITrainingObserver observer, TimeProvider clock, ILogger log, TaskCompletionSource<TrainingResult> done)
        : base(observer, clock, log, done)
    {
        _setup = setup;
        var state = setup.Model.StateDict();
        _full = setup.Layout.Rules.Keys.ToDictionary(name => name, name => state[name]);
        (_epoch, _batch, _round) = (setup.Start.Epoch, setup.Start.Batch, setup.Start.Step);
        foreach (var (key, value) in setup.OptimizerState) _optimizerState[key] = value;
        _optimizerSteps = setup.OptimizerSteps;

        Receive<SubnetTrained>(OnSubnetTrained);
    }

    protected override string RunName => "IST";

    /// <summary>A round in flight ends first; <see cref="StartRound"/> then finds the interrupt.</summary>
    protected override void OnInterrupted()
    {
    }

    private int Workers => _setup.Workers;

    private bool Travel => _setup.Ist.OptimizerState == IstOptimizerState.Travel;

    private bool StepLimitReached => _setup.Options.MaxSteps > 0 && _round >= _setup.Options.MaxSteps;

    protected override void PreStart()
    {
        Torch.Torch.SetThreads(_setup.Threads);
        for (var w = 0; w < Workers; w++) StartChild(_setup.Subnet(w), $"worker-{w}");
        var (low, high) = IstTraffic.Predicted(Workers);
        _log.Information("IST: {Workers} workers, {LocalSteps} local steps per round, {Rounds} rounds per epoch; a worker gets {Share:P1} of the weights per round (predicted {Low:P1} to {High:P1})",
            Workers, _setup.Ist.LocalSteps, _setup.RoundsPerEpoch, WeightShare, low, high);
        StartRound();
    }

    private double WeightShare => IstTraffic.WeightShare(_setup.Model, _setup.Layout, _setup.HiddenWidths, Workers, 0);

    private void StartRound()
    {
        if (_finished) return;
        if (_epoch >= _setup.Options.Epochs || StepLimitReached || Interrupted)
        {
            if (_setup.Options.RunDirectory is not null && _lastSaved != Position) SaveCheckpoint();
            if (!_finished) Finish(_round);
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
            _children[w].Tell(new TrainSubnet(_round, _epoch, firstBatch, steps, slices), Self);
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
                else (_sharedSlices.TryGetValue(key, out var parts) ? parts : _sharedSlices[key] = new Tensor[Workers])[trained.Worker] = slice.Clone();
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
        // Summed in worker order, whatever order the slices arrived in: a float sum of three or more depends on its order,
        // and a run must end with the same weights every time (in one process or across processes).
        using (Torch.Torch.NoGrad())
            foreach (var (key, parts) in _sharedSlices)
            {
                using var sum = parts[0].Clone();
                for (var w = 1; w < Workers; w++) sum.Add_(parts[w]);
                sum.Div_(Workers);
                Target(key).Copy_(sum);
            }
        DisposeSharedSlices();
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

    protected override void PostStop()
    {
        DisposeIndex();
        DisposeSharedSlices();
        foreach (var t in _optimizerState.Values) t.Dispose();
        _optimizerState.Clear();
    }

    private void DisposeSharedSlices()
    {
        foreach (var t in _sharedSlices.Values.SelectMany(x => x)) t?.Dispose();
        _sharedSlices.Clear();
    }

    private void DisposeIndex()
    {
        foreach (var t in _index.SelectMany(x => x)) t.Dispose();
        _index = [];
    }
}
