using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;
using ActorTrain.Data.Loading;
using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using ActorTrain.Torch;
using ActorTrain.Training.Ist.Messages;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.Ist;

/// <summary>
/// A worker's narrow network (same depth, its share of every hidden layer), its optimizer and its data shard. The
/// subnet keeps one shape for the run, so it is built once and each round only loads new values into it.
/// </summary>
internal sealed class SubnetTrainer : IDisposable
{
    private const string BatchNormCounter = "num_batches_tracked";
    private const string StepState = "step";

    private readonly BatchLoader _shard;
    private readonly Batch _batch;
    private readonly bool _travel;
    private readonly Dictionary<string, int> _parameterIndex;
    private readonly IReadOnlyList<string> _parameterNames;

    /// <param name="model">The subnet, owned from here on.</param>
    /// <param name="travel">Whether optimizer state comes with the slices and goes back with them; otherwise each round starts afresh.</param>
    public SubnetTrainer(int worker, Sequential model, OptimizerOptions optimizer, BatchLoader shard, bool travel)
    {
        (Worker, Model, _shard, _travel) = (worker, model, shard, travel);
        _parameterNames = model.NamedParameters().Select(p => p.Key).ToList();
        _parameterIndex = _parameterNames.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        Optimizer = OptimizerFactory.Create(model.Parameters(), optimizer);
        _batch = shard.CreateBatch();
    }

    /// <summary>
    /// Worker <paramref name="worker"/>'s trainer as every IST run makes it, in one process or in a worker process: its
    /// shard of the training split and its narrow subnet (its share of every hidden layer's neurons).
    /// </summary>
    public static SubnetTrainer ForWorker(TrainingOptions options, IstSettings ist, Dataset data, int worker)
    {
        var spec = IstModel.Narrow(options.Model, IstModel.HiddenWidths(options.Model).Select(width => SubnetPartition.Sizes(width, ist.Workers)[worker]).ToList());
        return new SubnetTrainer(worker, ModelBuilder.BuildWhole(spec, options.Seed + 1 + worker), options.Optimizer, Shard(options, ist, data, worker),
            ist.OptimizerState == IstOptimizerState.Travel);
    }

    /// <summary>Worker <paramref name="worker"/>'s shard: the same loader seed for every worker, so the shards of each epoch's order are disjoint.</summary>
    public static BatchLoader Shard(TrainingOptions options, IstSettings ist, Dataset data, int worker) =>
        new(data.Train, data.Normalization, new BatchLoaderOptions
        {
            BatchSize = options.BatchSize, Shuffle = options.Shuffle, Seed = options.Seed, WorkerIndex = worker, WorkerCount = ist.Workers, DropLast = true,
        });

    public int Worker { get; }

    /// <summary>Batches of the shard per epoch (partial batches dropped).</summary>
    public int BatchesPerEpoch => _shard.BatchesPerEpoch;

    public Sequential Model { get; }

    public Optimizer Optimizer { get; }

    /// <summary>Copies <paramref name="slices"/> into the subnet and its optimizer (the caller keeps and disposes them).</summary>
    public void Load(SubnetSlices slices)
    {
        for (var i = 0; i < _parameterNames.Count; i++) Optimizer.ResetState(i);
        var state = Model.StateDict();
        using var _ = Torch.Torch.NoGrad();
        foreach (var (key, value) in slices.Tensors)
        {
            var separator = key.IndexOf(SubnetSlices.StateSeparator);
            if (separator < 0) state[key].Copy_(value);
            else if (_travel) Optimizer.SetState(_parameterIndex[key[..separator]], key[(separator + 1)..], value);
        }
        if (_travel)
            for (var i = 0; i < _parameterNames.Count; i++) Optimizer.SetStepCount(i, slices.OptimizerSteps);
    }

    /// <summary>Trains <paramref name="steps"/> steps on consecutive batches of the shard; returns the summed loss and the samples seen.</summary>
    public (double LossSum, int Samples) Train(long round, int epoch, int firstBatch, int steps, ITrainingObserver observer, TimeProvider clock)
    {
        double lossSum = 0;
        var samples = 0;
        for (var s = 0; s < steps; s++)
        {
            var start = clock.GetTimestamp();
            _shard.Fill(epoch, firstBatch + s, _batch);
            using var input = WholeModel.Features(_batch, 0, _batch.Count);
            using var labels = WholeModel.Labels(_batch, 0, _batch.Count);
            using var logits = Model.Forward(input);
            using var loss = Functional.CrossEntropy(logits, labels);
            var forward = clock.GetTimestamp();
            loss.Backward();
            var backward = clock.GetTimestamp();
            Optimizer.Step();
            Optimizer.ZeroGrad();
            observer.OnSpan(new Span(Worker, SpanKind.Forward, round, s, start, forward));
            observer.OnSpan(new Span(Worker, SpanKind.Backward, round, s, forward, backward));
            observer.OnSpan(new Span(Worker, SpanKind.OptimizerStep, round, -1, backward, clock.GetTimestamp()));
            lossSum += loss.ToScalarDouble() * _batch.Count;
            samples += _batch.Count;
        }
        return (lossSum, samples);
    }

    /// <summary>Copies of the subnet's values (and optimizer state when it travels) for the server.</summary>
    public SubnetSlices Collect()
    {
        var tensors = new Dictionary<string, Tensor>();
        using var _ = Torch.Torch.NoGrad();
        foreach (var (key, value) in Model.StateDict())
            if (!key.EndsWith(BatchNormCounter, StringComparison.Ordinal))
                tensors[key] = Copy(value);
        if (!_travel) return new SubnetSlices(tensors, 0);
        for (var i = 0; i < _parameterNames.Count; i++)
            foreach (var (name, value) in Optimizer.GetState(i))
                if (name != StepState)
                    tensors[SubnetSlices.StateKey(_parameterNames[i], name)] = Copy(value);
        return new SubnetSlices(tensors, Optimizer.StepCount(0));
    }

    private static Tensor Copy(Tensor t)
    {
        using var detached = t.Detach();
        return detached.Clone();
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
    }
}
