using ActorTrain.Config.Settings;
using ActorTrain.Data.Loading;
using ActorTrain.Torch;
using ActorTrain.Training.Decoupled.Messages;
using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;
using Akka.Actor;

namespace ActorTrain.Training.Decoupled;

/// <summary>
/// One decoupled stage as an actor on a thread of its own (the stage dispatcher). It trains on each <see cref="TrainBatch"/> as it comes, at its
/// own pace: the first stage reads the batch's samples itself, the others learn from the previous boundary's codes of
/// the labels (independent) or from the predecessor's real outputs for the same batch (sequential; whichever of the
/// batch and the activation arrives first waits for the other). No gradient ever leaves a stage.
/// </summary>
internal sealed partial class DecoupledStageActor : ReceiveActor
{
    private readonly DecoupledStage _stage;
    private readonly BatchLoader _trainSamples;
    private readonly BatchLoader _testSamples;
    private readonly bool _sequential;
    private readonly ITrainingObserver _observer;
    private readonly TimeProvider _clock;
    private readonly Dictionary<long, TrainBatch> _batches = new();
    private readonly Dictionary<long, StageActivation> _activations = new();

    private IStageLink? _next;
    private IActorRef? _supervisor;
    private float[] _features = [];
    private long[] _gatheredLabels = [];
    private long _peakBytes;
    private long _waitingSince = -1;

    public DecoupledStageActor(DecoupledStage stage, BatchLoader trainSamples, BatchLoader testSamples, DecoupledVariant variant,
        ITrainingObserver observer, TimeProvider clock)
    {
        (_stage, _trainSamples, _testSamples, _observer, _clock) = (stage, trainSamples, testSamples, observer, clock);
        _sequential = variant == DecoupledVariant.Sequential;

        Receive<WireDecoupledStage>(w => (_next, _supervisor) = (w.Next, w.Supervisor));
        Receive<TrainBatch>(OnTrainBatch);
        Receive<StageActivation>(OnActivation);
        Receive<EvaluateBatch>(OnEvaluate);
        Receive<SaveStage>(OnSave);
    }

    private int Index => _stage.Index;

    /// <summary>Whether this stage's input is its predecessor's real output rather than codes.</summary>
    private bool FedByPredecessor => _sequential && !_stage.IsFirst;

    protected override void PreStart() => Torch.Torch.SetThreads(_stage.Stage.Threads);

    private void OnTrainBatch(TrainBatch batch)
    {
        var now = _clock.GetTimestamp();
        _observer.OnSpan(new Span(Index, SpanKind.Receive, batch.Step, 0, now, now, batch.Bytes));
        if (!FedByPredecessor)
        {
            Train(batch, null);
            return;
        }
        if (_activations.Remove(batch.Step, out var activation))
        {
            Train(batch, activation);
            return;
        }
        _batches.Add(batch.Step, batch);
        // Nothing else to do until the predecessor's output comes: the sequential variant's bubble.
        if (_waitingSince < 0) _waitingSince = now;
    }

    private void OnActivation(StageActivation activation)
    {
        var now = _clock.GetTimestamp();
        _observer.OnSpan(new Span(Index, SpanKind.Receive, activation.Step, 0, now, now, activation.Activation.NBytes));
        if (!_batches.Remove(activation.Step, out var batch))
        {
            _activations.Add(activation.Step, activation);
            return;
        }
        if (_waitingSince >= 0 && now > _waitingSince) _observer.OnSpan(new Span(Index, SpanKind.Wait, activation.Step, 0, _waitingSince, now));
        _waitingSince = -1;
        Train(batch, activation);
        if (_batches.Count > 0) _waitingSince = _clock.GetTimestamp();
    }

    private void Train(TrainBatch batch, StageActivation? activation)
    {
        using var labels = _stage.Labels(batch.Labels);
        using var input = Input(batch, labels, activation);
        var start = _clock.GetTimestamp();
        using var output = _stage.Forward(input);
        using var loss = _stage.Loss(output, labels);
        var forwardEnd = _clock.GetTimestamp();
        _observer.OnSpan(new Span(Index, SpanKind.Forward, batch.Step, 0, start, forwardEnd));
        loss.Backward();
        var backwardEnd = _clock.GetTimestamp();
        _observer.OnSpan(new Span(Index, SpanKind.Backward, batch.Step, 0, forwardEnd, backwardEnd));
        _stage.Step();
        _observer.OnSpan(new Span(Index, SpanKind.OptimizerStep, batch.Step, -1, backwardEnd, _clock.GetTimestamp()));
        TrackMemory(input.NBytes + output.NBytes);

        if (_sequential && !_stage.IsLast)
        {
            var detached = output.Detach();
            _next!.Send(new StageActivation(Index, batch.Step, TensorMeta.Of(detached), detached));
        }
        _supervisor!.Tell(new BatchTrained(Index, batch.Epoch, batch.Step, loss.ToScalarDouble(), batch.Indices.Length), Self);
    }

    /// <summary>This stage's training input for the batch, owned by the caller; consumes <paramref name="activation"/>.</summary>
    private Tensor Input(TrainBatch batch, Tensor labels, StageActivation? activation)
    {
        if (_stage.IsFirst) return ReadSamples(_trainSamples, batch.Indices);
        if (activation is null) return _stage.CodeInputs(labels, noisy: true);
        using (activation.Activation) return _stage.Prepare(activation.Activation, activation.FromStage);
    }

    /// <summary>The first stage's own inputs: it is told only which samples, and reads them from the split.</summary>
    private Tensor ReadSamples(BatchLoader loader, int[] indices)
    {
        var width = loader.FeatureCount;
        if (_features.Length < indices.Length * width) _features = new float[indices.Length * width];
        if (_gatheredLabels.Length < indices.Length) _gatheredLabels = new long[indices.Length];
        loader.Gather(indices, _features, _gatheredLabels);
        using var flat = Tensor.FromSpan(_features.AsSpan(0, indices.Length * width), [indices.Length, width]);
        using var shaped = flat.Reshape([indices.Length, .. _stage.InputSampleShape]);
        return _stage.Prepare(shaped, -1);
    }

    private void TrackMemory(long activationBytes)
    {
        if (activationBytes <= _peakBytes) return;
        _peakBytes = activationBytes;
        _observer.OnStageMemory(Index, _stage.Stage.StaticBytes + activationBytes);
    }

    protected override void PostStop()
    {
        foreach (var a in _activations.Values) a.Activation.Dispose();
        _activations.Clear();
        _stage.Dispose();
    }
}
