namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>The supervisor's watchdog asks whether a stage's thread still answers; a stage replies <see cref="WatchdogPong"/> at once.</summary>
internal sealed record WatchdogPing
{
    public static readonly WatchdogPing Instance = new();
}
