using ActorTrain.Config.Settings;

namespace ActorTrain.Cluster;

/// <summary>
/// What the driver of a clustered pipeline does about lost workers: <paramref name="OnNodeLoss"/> and
/// <paramref name="SpareWait"/> from actortrain.recovery, and the node faults (kill-node, leave-node) of
/// actortrain.faults.plan it injects itself.
/// </summary>
public sealed record NodeLossSettings(NodeLossPolicy OnNodeLoss, TimeSpan SpareWait, IReadOnlyList<FaultSpec> NodeFaults)
{
    /// <summary>Today's behaviour: a lost worker stops the run, and nothing is injected.</summary>
    public static readonly NodeLossSettings Stop = new(NodeLossPolicy.Stop, TimeSpan.Zero, []);

    /// <summary>
    /// The whole plan, in its order: the driver counts which stage faults a fenced worker took with it (so the worker
    /// that takes its stages does not fire them again) and injects the storage faults.
    /// </summary>
    public IReadOnlyList<FaultSpec> Plan { get; init; } = [];

    public static NodeLossSettings Of(RecoverySettings recovery, FaultSettings faults) =>
        new(recovery.OnNodeLoss, recovery.SpareWait, faults.Plan.Where(f => f.Kind.IsNodeFault()).ToList()) { Plan = faults.Plan };
}
