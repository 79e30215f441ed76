namespace ActorTrain.Config.Settings;

/// <summary>
/// What a fault does: to one activation or gradient on a link (drop … corrupt, healed by resending), or to a stage's
/// compute (crash … nan, healed by rolling every stage back to the last in-memory snapshot), or to a checkpoint
/// (checkpoint-write-fail, kill-during-checkpoint: the previous committed checkpoint stays the one to resume from), or to
/// the worker process hosting a stage in a clustered run (kill-node, leave-node: recovery.on-node-loss says what follows).
/// </summary>
public enum FaultKind
{
    /// <summary>The frame is lost.</summary>
    Drop,
    /// <summary>The frame arrives after `duration`.</summary>
    Delay,
    /// <summary>The frame arrives twice.</summary>
    Duplicate,
    /// <summary>The frame is held back until the link's next frame has gone (or `duration`, 50ms by default, passed).</summary>
    Reorder,
    /// <summary>One bit of the payload is flipped on the way.</summary>
    Corrupt,
    /// <summary>The stage's actor throws when it first sends a tensor of the step.</summary>
    Crash,
    /// <summary>The stage stops answering for `duration` when it first sends a tensor of the step, then sends it late.</summary>
    Hang,
    /// <summary>The stage runs `factor` times slower in the steps named.</summary>
    Straggler,
    /// <summary>The stage's first output of the step (its activation, or on the last stage its gradient) becomes NaN.</summary>
    Nan,
    /// <summary>Committing the checkpoint of the step fails as on a full disk: its manifest is never written.</summary>
    [ConfigName("checkpoint-write-fail")]
    CheckpointWriteFail,
    /// <summary>The process dies while checkpointing the step: after the stage files, before the manifest.</summary>
    [ConfigName("kill-during-checkpoint")]
    KillDuringCheckpoint,
    /// <summary>Clustered runs: the worker process hosting the stage is killed (SIGKILL) when the driver dispatches the step.</summary>
    [ConfigName("kill-node")]
    KillNode,
    /// <summary>Clustered runs: the worker process hosting the stage leaves the cluster gracefully (as on SIGTERM) at the step.</summary>
    [ConfigName("leave-node")]
    LeaveNode,
}
