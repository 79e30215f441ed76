using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch.Optim;

/// <summary>
/// Stochastic gradient descent with momentum, dampening, weight decay and Nesterov momentum, matching
/// torch.optim.SGD update for update. One fused native call per parameter per step.
/// </summary>
public sealed class SGD : Optimizer
{
    private const string MomentumBuffer = "momentum_buffer";
    private static readonly string[] Names = [MomentumBuffer];

    public SGD(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0, double weightDecay = 0,
        bool nesterov = false, double dampening = 0) : base(parameters, learningRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(momentum);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
        Momentum = momentum;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        Dampening = dampening;
    }

    public double Momentum { get; }

    public double WeightDecay { get; }

    public bool Nesterov { get; }

    public double Dampening { get; }

    protected override IReadOnlyList<string> StateNames => Names;

    protected override bool Update(int index, Tensor parameter, long step)
    {
        var buffer = State(index, MomentumBuffer);
        var raw = buffer?.Handle.DangerousGetHandle() ?? IntPtr.Zero;
        var created = raw == IntPtr.Zero;
        int applied;
        // The buffer is passed as a raw handle so the shim can create it on the first step; the
        // optimizer holds the managed wrapper, so it stays alive for the call.
        Native.Check(NativeMethods.at_sgd_step(parameter.Handle, ref raw, LearningRate, Momentum, Dampening, WeightDecay,
            Nesterov ? 1 : 0, (int)UpdateKind, out applied));
        if (created && raw != IntPtr.Zero) StoreState(index, MomentumBuffer, Tensor.Wrap(raw));
        GC.KeepAlive(buffer);
        return applied != 0;
    }
}
