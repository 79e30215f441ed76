namespace ActorTrain.Torch.NN;

/// <summary>
/// Batch normalisation over [N, C] or [N, C, L], as PyTorch's nn.BatchNorm1d. Training mode normalises
/// with batch statistics and updates the running ones; eval mode uses the running statistics when
/// tracked, and batch statistics otherwise.
/// </summary>
public sealed class BatchNorm1d : Module
{
    public BatchNorm1d(long numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numFeatures, 1);
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones([numFeatures]));
            Bias = RegisterParameter("bias", Tensor.Zeros([numFeatures]));
        }
        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Tensor.Zeros([numFeatures]));
            RunningVar = RegisterBuffer("running_var", Tensor.Ones([numFeatures]));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Scalar(0, ScalarType.Int64));
        }
    }

    public long NumFeatures { get; }

    public double Eps { get; }

    public double Momentum { get; }

    public Tensor? Weight { get; }

    public Tensor? Bias { get; }

    public Tensor? RunningMean { get; }

    public Tensor? RunningVar { get; }

    /// <summary>Counts training batches, as PyTorch does (kept so state dictionaries carry the same keys).</summary>
    public Tensor? NumBatchesTracked { get; }

    public override Tensor Forward(Tensor input)
    {
        var useBatchStats = IsTraining || RunningMean is null;
        if (IsTraining && NumBatchesTracked is not null) NumBatchesTracked.Add_(1);
        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, useBatchStats, Momentum, Eps);
    }
}
