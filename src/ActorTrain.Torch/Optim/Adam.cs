using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch.Optim;

/// <summary>
/// Adam with bias correction and (L2) weight decay, matching torch.optim.Adam (amsgrad off) update for
/// update; each parameter keeps its own step count. One fused native call per parameter per step.
/// </summary>
public sealed class Adam : Optimizer
{
    private const string ExpAvg = "exp_avg";
    private const string ExpAvgSq = "exp_avg_sq";
    private static readonly string[] Names = [ExpAvg, ExpAvgSq];

    public Adam(IEnumerable<Tensor> parameters, double learningRate = 1e-3, (double Beta1, double Beta2)? betas = null,
        double eps = 1e-8, double weightDecay = 0) : base(parameters, learningRate)
    {
        var (b1, b2) = betas ?? (0.9, 0.999);
        if (b1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(betas), b1, "beta1 must be in [0, 1)");
        if (b2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(betas), b2, "beta2 must be in [0, 1)");
        ArgumentOutOfRangeException.ThrowIfNegative(eps);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        Beta1 = b1;
        Beta2 = b2;
        Eps = eps;
        WeightDecay = weightDecay;
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Eps { get; }

    public double WeightDecay { get; }

    protected override IReadOnlyList<string> StateNames => Names;

    protected override bool TracksSteps => true;

    protected override bool Update(int index, Tensor parameter, long step)
    {
        var m = State(index, ExpAvg);
        var v = State(index, ExpAvgSq);
        var rawM = m?.Handle.DangerousGetHandle() ?? IntPtr.Zero;
        var rawV = v?.Handle.DangerousGetHandle() ?? IntPtr.Zero;
        var createdM = rawM == IntPtr.Zero;
        var createdV = rawV == IntPtr.Zero;
        Native.Check(NativeMethods.at_adam_step(parameter.Handle, ref rawM, ref rawV, step, LearningRate, Beta1, Beta2, Eps,
            WeightDecay, (int)UpdateKind, out var applied));
        if (createdM && rawM != IntPtr.Zero) StoreState(index, ExpAvg, Tensor.Wrap(rawM));
        if (createdV && rawV != IntPtr.Zero) StoreState(index, ExpAvgSq, Tensor.Wrap(rawV));
        GC.KeepAlive(m);
        GC.KeepAlive(v);
        return applied != 0;
    }
}
