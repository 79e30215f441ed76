namespace ActorTrain.Training.PipelineParallel.Messages;

/// <summary>The supervisor's own timer: ping every stage and look for one silent past the watchdog's deadline.</summary>
internal sealed record WatchdogTick
{
    public static readonly WatchdogTick Instance = new();
}
