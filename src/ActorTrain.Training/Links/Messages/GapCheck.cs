namespace ActorTrain.Training.Links.Messages;

/// <summary>The receiver's timer: a gap still open after the resend timeout becomes resend requests.</summary>
public sealed record GapCheck(int From, int To) : ILinkControl;
