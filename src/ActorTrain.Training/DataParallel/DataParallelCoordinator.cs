using ActorTrain.Torch;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.DataParallel.Messages;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline.Messages;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Training.DataParallel;

/// <summary>
/// Owns a data-parallel run: starts the replica actors, hands out one global batch per step, sums the replicas'
/// (share-weighted) gradients into the global-batch gradient and sends it back to every replica, which then steps its
/// own optimizer. Evaluates replica 0 after each epoch, checkpoints replica 0 every
/// <see cref="TrainingOptions.CheckpointEvery"/> steps and at the end. The first failure anywhere fails the run; an
/// interrupt ends it after the step in flight.
/// </summary>
internal sealed partial class DataParallelCoordinator : RunRootActor
{
    private readonly TrainingOptions _options;
    private readonly IReadOnlyList<Replica> _replicas;
    private readonly Func<Replica, Props> _replicaProps;
    private readonly int _batchesPerEpoch;

    private List<Tensor>? _sum;
    private int _arrived;
    private double _lossSum;
    private int _stepSamples;
    private long _step;
    private int _epoch, _batch;
    private int _drained;

    public DataParallelCoordinator(TrainingOptions options, IReadOnlyList<Replica> replicas, Func<Replica, Props> replicaProps,
        int batchesPerEpoch, RunPosition start, ITrainingObserver observer, TimeProvider clock, ILogger log, TaskCompletionSource<TrainingResult> done) : base(observer, clock, log, done)
    {
        (_options, _replicas, _replicaProps, _batchesPerEpoch) = (options, replicas, replicaProps, batchesPerEpoch);
        (_epoch, _batch, _step) = (start.Epoch, start.Batch, start.Step);

        Receive<LocalGradients>(OnLocalGradients);
        Receive<ReplicaEvaluated>(OnEvaluated);
        Receive<Drained>(_ => { if (++_drained == _children.Count) End(); });
        Receive<StageSaved>(OnReplicaSaved);
    }

    protected override string RunName => "Data-parallel training";

    /// <summary>A step in flight ends first; <see cref="NextStep"/> then finds the interrupt.</summary>
    protected override void OnInterrupted()
    {
    }

    protected override void OnFailed() => DisposeSum();

    protected override void PreStart()
    {
        // Sums run here, so this thread calls into libtorch too.
        Torch.Torch.SetThreads(1);
        foreach (var replica in _replicas) StartChild(_replicaProps(replica), $"replica-{replica.Index}");
        _log.Information("Data parallel: {Replicas} replicas share each global batch of {BatchSize}", _replicas.Count, _options.BatchSize);
        NextStep();
    }

    private bool StepLimitReached => _options.MaxSteps > 0 && _step >= _options.MaxSteps;

    private void NextStep()
    {
        if (_finished) return;
        if (_checkpointDue)
        {
            SaveCheckpoint(final: false);
            return;
        }
        if (_epoch >= _options.Epochs || Interrupted)
        {
            // Resumed at or past the last epoch (a finished run, or a mode plan entry already done), or interrupted: nothing more to train.
            DrainReplicas();
            return;
        }
        if (_batch >= _batchesPerEpoch || StepLimitReached)
        {
            if (_options.EvaluateEachEpoch) _children[0].Tell(new EvaluateReplica(_epoch), Self);
            else EndEpoch();
            return;
        }
        foreach (var actor in _children) actor.Tell(new ComputeGradients(_step, _epoch, _batch), Self);
    }

    private void OnLocalGradients(LocalGradients local)
    {
        if (_finished)
        {
            foreach (var g in local.Gradients) g.Dispose();
            return;
        }
        if (_sum is null) _sum = [.. local.Gradients];
        else
        {
            for (var i = 0; i < _sum.Count; i++) _sum[i].Add_(local.Gradients[i]);
            foreach (var g in local.Gradients) g.Dispose();
        }
        _lossSum += local.LossSum;
        _stepSamples += local.Samples;
        if (++_arrived < _children.Count) return;

        var sum = _sum;
        for (var k = 0; k < _children.Count; k++)
        {
            var start = _clock.GetTimestamp();
            // The last replica takes the sum itself; the others get copies (each receiver owns its tensors).
            IReadOnlyList<Tensor> gradients = k == _children.Count - 1 ? sum : sum.Select(g => g.Clone()).ToList();
            // The way back counts as traffic too, on the receiving replica's lane; the span closes before the message
            // is posted so it cannot overlap the replica's own spans.
            _observer.OnSpan(new Span(k, SpanKind.Send, _step, -1, start, _clock.GetTimestamp(), gradients.Sum(g => g.NBytes)));
            _children[k].Tell(new AveragedGradients(_step, gradients), Self);
        }
        _lastLoss = _stepSamples == 0 ? 0 : _lossSum / _stepSamples;
        _observer.OnStep(new StepMetrics(DataParallelRun.Mode, _epoch, _step, _lastLoss, _stepSamples, _clock.GetTimestamp()));
        _samples += _stepSamples;
        (_sum, _arrived, _lossSum, _stepSamples) = (null, 0, 0, 0);
        _step++;
        _batch++;
        _checkpointDue = _options.CheckpointEvery > 0 && _options.RunDirectory is not null && _step % _options.CheckpointEvery == 0;
        NextStep();
    }

    private void OnEvaluated(ReplicaEvaluated e)
    {
        (_testLoss, _testAccuracy) = (e.Loss, e.Accuracy);
        _observer.OnEvaluation(new EvaluationMetrics(DataParallelRun.Mode, e.Epoch, _step, e.Loss, e.Accuracy, _clock.GetTimestamp()));
        _log.Information("Epoch {Epoch}: test accuracy {Accuracy:P2}, test loss {Loss:F4}", e.Epoch + 1, e.Accuracy, e.Loss);
        EndEpoch();
    }

    private void EndEpoch()
    {
        if (_batch >= _batchesPerEpoch) (_epoch, _batch) = (_epoch + 1, 0);
        if (_epoch >= _options.Epochs || StepLimitReached)
        {
            DrainReplicas();
            return;
        }
        NextStep();
    }

    // Stopping now would drop the last step's gradients still queued at the replicas.
    private void DrainReplicas()
    {
        foreach (var actor in _children) actor.Tell(new Drain(), Self);
    }

    /// <summary>Every replica has applied its last update: write the final checkpoint (if the run has a directory), then finish.</summary>
    private void End()
    {
        if (_options.RunDirectory is not null) SaveCheckpoint(final: true);
        else Finish(_step);
    }

    private void DisposeSum()
    {
        foreach (var g in _sum ?? []) g.Dispose();
        _sum = null;
    }
}
