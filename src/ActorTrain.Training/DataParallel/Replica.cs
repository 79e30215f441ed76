using ActorTrain.Data.Loading;
using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using ActorTrain.Torch;
using ActorTrain.Training.DataParallel.Messages;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Partitioning;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.DataParallel;

/// <summary>
/// One data-parallel replica: a whole copy of the model and its own optimizer. Each replica reads the same global
/// batch and trains on its contiguous share of the rows (shares differ by at most one sample). Its loss is the mean
/// over its share scaled by share / global size, so the sum of the replicas' gradients is exactly the gradient of the
/// mean loss over the global batch: n replicas take the same steps as one process on the whole batch.
/// </summary>
internal sealed class Replica : IDisposable
{
    private readonly int _count;
    private readonly BatchLoader _train;
    private readonly Batch _batch;

    public Replica(int index, int count, Sequential model, OptimizerOptions optimizer, BatchLoader train)
    {
        (Index, _count, Model, _train) = (index, count, model, train);
        Optimizer = OptimizerFactory.Create(model.Parameters(), optimizer);
        _batch = train.CreateBatch();
    }

    public int Index { get; }

    public Sequential Model { get; }

    public Optimizer Optimizer { get; }

    /// <summary>Forward and backward on this replica's share; reports Forward and Backward spans.</summary>
    public LocalGradients ComputeGradients(ComputeGradients work, ITrainingObserver observer, TimeProvider clock)
    {
        var start = clock.GetTimestamp();
        _train.Fill(work.Epoch, work.Batch, _batch);
        var total = _batch.Count;
        var first = EvenSplit.Offset(total, _count, Index);
        var count = EvenSplit.Sizes(total, _count)[Index];
        double lossSum;
        // Every share holds at least one sample: the run refuses batches smaller than the replica count.
        using (var input = WholeModel.Features(_batch, first, count))
        using (var labels = WholeModel.Labels(_batch, first, count))
        using (var logits = Model.Forward(input))
        using (var mean = Functional.CrossEntropy(logits, labels))
        using (var weighted = mean.Mul((double)count / total))
        {
            lossSum = mean.ToScalarDouble() * count;
            var forward = clock.GetTimestamp();
            observer.OnSpan(new Span(Index, SpanKind.Forward, work.Step, -1, start, forward));
            weighted.Backward();
            observer.OnSpan(new Span(Index, SpanKind.Backward, work.Step, -1, forward, clock.GetTimestamp()));
        }
        var gradients = Model.Parameters().Select(TakeGradient).ToList();
        return new LocalGradients(Index, work.Step, gradients, lossSum, count);
    }

    /// <summary>Steps the optimizer with <paramref name="gradients"/> (borrowed: the caller disposes them).</summary>
    public void Apply(IReadOnlyList<Tensor> gradients)
    {
        var parameters = Optimizer.Parameters;
        for (var i = 0; i < parameters.Count; i++) parameters[i].SetGrad(gradients[i]);
        Optimizer.Step();
        Optimizer.ZeroGrad();
    }

    /// <summary>The parameter's gradient as a tensor of its own (zeros for a parameter the loss does not reach), leaving the parameter without one.</summary>
    private static Tensor TakeGradient(Tensor parameter)
    {
        using var grad = parameter.Grad;
        var own = grad?.Clone() ?? Tensor.Zeros(parameter.Shape);
        parameter.ZeroGrad();
        return own;
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
    }
}
