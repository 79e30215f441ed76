namespace ActorTrain.Config.Settings;

/// <summary>
/// Which fault kinds act on a stage (named by `stage`), which on the worker process hosting a stage (also named by
/// `stage`), which on a checkpoint (named by its step alone), and which on a link (named by `link`).
/// </summary>
public static class FaultKinds
{
    public static bool IsStageFault(this FaultKind kind) => kind is FaultKind.Crash or FaultKind.Hang or FaultKind.Straggler or FaultKind.Nan;

    public static bool IsStorageFault(this FaultKind kind) => kind is FaultKind.CheckpointWriteFail or FaultKind.KillDuringCheckpoint;

    public static bool IsNodeFault(this FaultKind kind) => kind is FaultKind.KillNode or FaultKind.LeaveNode;

    public static bool IsLinkFault(this FaultKind kind) => !kind.IsStageFault() && !kind.IsStorageFault() && !kind.IsNodeFault();

    /// <summary>Where a fault of this kind acted, as reports and timelines label it: "0->1", "stage 1", "node of stage 1", "checkpoint".</summary>
    public static string Place(this FaultKind kind, int from, int to) =>
        kind.IsStageFault() ? $"stage {from}" : kind.IsNodeFault() ? $"node of stage {from}" : kind.IsStorageFault() ? "checkpoint" : $"{from}->{to}";
}
