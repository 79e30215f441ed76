using ActorTrain.Torch;
using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// The compute half of a pipeline stage, free of messaging: runs its layers forward for a micro-batch and keeps
/// what backward needs, runs backward from the next stage's gradient, and steps its optimizer: once after the flush
/// (sync), or after every backward (<see cref="UpdateWithoutFlush"/>, the async mode), while other micro-batches are
/// still in flight. Micro-batches are keyed by a number unique among those in flight.
/// Everything happens on the caller's thread (the stage actor's pinned thread): autograd's grad mode is per thread.
/// </summary>
internal sealed partial class PipelineStage : IDisposable
{
    private readonly Dictionary<long, Stash> _stash = new();
    private readonly long[] _inputSampleShape;

    /// <param name="blocks">This stage's blocks; <paramref name="firstBlock"/> is the first one's index in the whole model,
    /// so parameter names ("3.0.weight") stay the same however the model is cut.</param>
    public PipelineStage(int index, int count, IReadOnlyList<Sequential> blocks, int firstBlock, Optimizer optimizer, Device device, long[] inputSampleShape, int threads = 1)
    {
        Index = index;
        Count = count;
        FirstBlock = firstBlock;
        Layers = new Sequential(blocks.Select((b, i) => new KeyValuePair<string, Module>((firstBlock + i).ToString(System.Globalization.CultureInfo.InvariantCulture), b)));
        Optimizer = optimizer;
        Device = device;
        Threads = threads;
        _inputSampleShape = inputSampleShape;
        ParameterCount = Layers.ParameterCount();
        // Parameters, their gradients and the optimizer's per-parameter state (momentum: one slot; Adam: two).
        StaticBytes = ParameterCount * sizeof(float) * (2 + (optimizer is Adam ? 2 : 1));
    }

    public int Index { get; }
    public int FirstBlock { get; }
    public int BlockCount => Layers.Count;
    public long ParameterCount { get; }

    /// <summary>Bytes held for the whole run whatever the schedule: parameters, gradients, optimizer state.</summary>
    public long StaticBytes { get; }
    public int Count { get; }
    public bool IsFirst => Index == 0;
    public bool IsLast => Index == Count - 1;
    public Sequential Layers { get; }
    public Optimizer Optimizer { get; }
    public Device Device { get; }

    /// <summary>Intra-op threads for this stage's kernels, set on the stage's own thread (the count is per thread).</summary>
    public int Threads { get; }

    /// <summary>
    /// The run's seed, under which each micro-batch's dropout masks are drawn (see <see cref="DropoutSeeds"/>): a mask
    /// depends on the seed, the micro-batch and the layer, so a replay, a resumed run or another process draws it again.
    /// </summary>
    public long DropoutSeed { get; init; }

    /// <summary>Which blocks of the model this stage holds, as logs and profiles show it ("blocks 0-2").</summary>
    public string Describe() => BlockCount == 1 ? $"block {FirstBlock}" : $"blocks {FirstBlock}-{FirstBlock + BlockCount - 1}";

    /// <summary>Micro-batches whose forward ran and whose backward has not yet.</summary>
    public int InFlight => _stash.Count;

    /// <summary>
    /// Bytes of stashed stage inputs and outputs right now (the activations this stage keeps alive), plus one copy of
    /// the weights for every older weight version a stashed micro-batch still holds.
    /// </summary>
    public long StashedBytes =>
        _stash.Values.Sum(s => s.Input.NBytes + s.Output.NBytes) +
        _stash.Values.Where(s => s.Weights is not null && s.Version != WeightVersion).Select(s => s.Version).Distinct().Count() * ParameterCount * sizeof(float);

    /// <summary>
    /// Checks an incoming activation against this stage's expected per-sample input shape, so a model whose stages do
    /// not chain fails on the first micro-batch with both stages and both shapes named.
    /// </summary>
    public void CheckInput(TensorMeta meta, int fromStage)
    {
        var matches = meta.DType == ScalarType.Float32 && meta.Shape.Length == _inputSampleShape.Length + 1 &&
                      meta.Shape.AsSpan(1).SequenceEqual(_inputSampleShape);
        if (!matches)
            throw new StageShapeException(
                $"stage {Index} expects input [batch, {string.Join(", ", _inputSampleShape)}] Float32 but " +
                (fromStage < 0 ? "the data loader" : $"stage {fromStage}") + $" sent {meta}");
    }

    /// <summary>Forward for one micro-batch; returns the detached output to send on (owned by the caller).</summary>
    public Tensor Forward(long microBatch, Tensor input)
    {
        var x = Prepare(input);
        Tensor y;
        using (DropoutSeeds.Enter(DropoutSeeds.Mix(DropoutSeed, microBatch))) y = Layers.Forward(x);
        _stash.Add(microBatch, new Stash(x, y, WeightVersion, SnapshotWeights()));
        return y.Detach();
    }

    /// <summary>
    /// Last stage: forward and loss for one micro-batch, weighted by its share of the mini-batch so that the gradients
    /// accumulated over all micro-batches equal those of the whole mini-batch. Returns (loss sum, correct predictions).
    /// </summary>
    public (double LossSum, int Correct) ForwardLoss(long microBatch, Tensor input, Tensor labels, int batchSize)
    {
        var x = Prepare(input);
        Tensor forward;
        using (DropoutSeeds.Enter(DropoutSeeds.Mix(DropoutSeed, microBatch))) forward = Layers.Forward(x);
        using var logits = forward;
        var count = labels.Size(0);
        using var mean = Functional.CrossEntropy(logits, labels);
        var weighted = mean.Mul((double)count / batchSize);
        _stash.Add(microBatch, new Stash(x, weighted, WeightVersion, SnapshotWeights()));
        return (mean.ToScalarDouble() * count, Scoring.Correct(logits, labels));
    }

    /// <summary>
    /// Backward for one micro-batch. <paramref name="gradOutput"/> is the next stage's gradient (null on the last
    /// stage, whose stashed output is the loss). Returns the gradient to send to the previous stage, or null on the first.
    /// </summary>
    public Tensor? Backward(long microBatch, Tensor? gradOutput)
    {
        if (!_stash.Remove(microBatch, out var stash))
            throw new InvalidOperationException($"stage {Index}: backward for micro-batch {microBatch} without its forward");
        try
        {
            using (WeightsOf(stash))
            {
                if (gradOutput is null) stash.Output.Backward();
                else stash.Output.Backward(gradOutput);
            }
            return IsFirst ? null : stash.Input.Grad ?? throw new InvalidOperationException($"stage {Index}: input gradient missing");
        }
        finally
        {
            stash.Dispose();
        }
    }

    /// <summary>
    /// Applies the accumulated gradients and clears them: after the flush (sync), or after each micro-batch's backward
    /// (async). The weights move to the next <see cref="WeightVersion"/>.
    /// </summary>
    public void Step()
    {
        ChooseUpdateKind();
        Optimizer.Step();
        Optimizer.ZeroGrad();
        WeightVersion++;
    }

    /// <summary>
    /// Inference for one batch: no autograd, nothing stashed, layers in eval mode, so batch norm normalises with its
    /// running statistics and leaves them alone (in train mode every evaluation and start-up check would fold test
    /// samples into them, and a resumed run would no longer match an uninterrupted one).
    /// </summary>
    public Tensor Infer(Tensor input)
    {
        using var _ = Torch.Torch.NoGrad();
        using var x = input.Device == Device ? input.Alias() : input.To(Device);
        Layers.Eval();
        try
        {
            return Layers.Forward(x);
        }
        finally
        {
            Layers.Train();
        }
    }

    /// <summary>Drops every stashed micro-batch (a failed or abandoned step).</summary>
    public void DiscardInFlight()
    {
        foreach (var s in _stash.Values) s.Dispose();
        _stash.Clear();
    }

    public void Dispose()
    {
        DiscardInFlight();
        Optimizer.Dispose();
        Layers.Dispose();
    }

    private Tensor Prepare(Tensor input)
    {
        var x = input.Device == Device ? input.Alias() : input.To(Device);
        // The first stage needs no gradient for its input (the data); later stages send this gradient back.
        if (!IsFirst) x.RequiresGrad = true;
        return x;
    }

    /// <param name="Version">The weight version the forward used.</param>
    /// <param name="Weights">With weight stashing, aliases of the storage the forward used (kept unwritten by fresh-storage updates).</param>
    private readonly record struct Stash(Tensor Input, Tensor Output, long Version, Tensor[]? Weights) : IDisposable
    {
        public void Dispose()
        {
            Input.Dispose();
            Output.Dispose();
            foreach (var w in Weights ?? []) w.Dispose();
        }
    }
}
