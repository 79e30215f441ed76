namespace ActorTrain.Training.Links.Messages;

/// <summary>The sender's timer: frames still unacknowledged after twice the resend timeout go again (a lost last frame leaves no gap).</summary>
public sealed record ResendDue(int From, int To) : ILinkControl;
