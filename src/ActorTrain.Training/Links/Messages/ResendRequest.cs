namespace ActorTrain.Training.Links.Messages;

/// <summary>The receiver misses frame <paramref name="Sequence"/> (a gap that outlived the resend timeout, or a bad checksum).</summary>
public sealed record ResendRequest(int From, int To, long Generation, long Sequence) : ILinkControl;
