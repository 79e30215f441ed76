namespace ActorTrain.Config.Settings;

/// <summary>`recovery.on-checkpoint-failure`: what a run does when a checkpoint cannot be written.</summary>
public enum CheckpointFailurePolicy
{
    /// <summary>Log a warning and train on; the previous committed checkpoint stays the one to resume from.</summary>
    Warn,
    /// <summary>Stop the run with exit 1; the previous committed checkpoint stays resumable.</summary>
    Stop,
}
