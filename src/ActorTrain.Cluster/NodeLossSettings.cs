using ActorTrain.Config.Settings;

namespace ActorTrain.Cluster;

/// <summary>
/// What the driver of a clustered pipeline does about lost workers: <paramref name="OnNodeLoss"/> and
/// <paramref name="SpareWait"/> from actortrain.recovery, and actortrain.faults.plan (<paramref name="Plan"/>, in its
/// order): the driver injects its node and storage faults itself and counts which stage faults a fenced worker took
/// with it (so the worker that takes its stages does not fire them again).
/// </summary>
public sealed record NodeLossSettings(NodeLossPolicy OnNodeLoss, TimeSpan SpareWait, IReadOnlyList<FaultSpec> Plan)
{
    /// <summary>Today's behaviour: a lost worker stops the run, and nothing is injected.</summary>
    public static readonly NodeLossSettings Stop = new(NodeLossPolicy.Stop, TimeSpan.Zero, []);

    /// <summary>The plan's node faults (kill-node, leave-node).</summary>
    public IReadOnlyList<FaultSpec> NodeFaults { get; } = Plan.Where(f => f.Kind.IsNodeFault()).ToList();

    public static NodeLossSettings Of(RecoverySettings recovery, FaultSettings faults) => new(recovery.OnNodeLoss, recovery.SpareWait, faults.Plan);
}
