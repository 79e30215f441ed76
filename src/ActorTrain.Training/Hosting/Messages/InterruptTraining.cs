namespace ActorTrain.Training.Hosting.Messages;

/// <summary>
/// Stop at the next step boundary (Ctrl-C, SIGTERM): dispatch no more work, let what is in flight finish, write a
/// committed checkpoint and end the run as interrupted, so <c>--resume</c> continues exactly where it stopped.
/// </summary>
internal sealed record InterruptTraining
{
    public static readonly InterruptTraining Instance = new();
}
