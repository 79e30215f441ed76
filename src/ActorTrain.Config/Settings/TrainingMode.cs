namespace ActorTrain.Config.Settings;

/// <summary>How the stages train (see the design's "Training modes").</summary>
public enum TrainingMode
{
    Sync,
    Async,
    Decoupled,
    Ist,
    Dp,
}
