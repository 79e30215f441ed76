namespace ActorTrain.Training.Links.Messages;

/// <summary>The receiver has used every frame up to <paramref name="Sequence"/>: the sender frees its copies.</summary>
public sealed record LinkAck(int From, int To, long Generation, long Sequence) : ILinkControl;
