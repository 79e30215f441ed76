namespace ActorTrain.Training.Links;

/// <summary>A frame was asked for again after its sender had let it go (more in flight than `links.retained`).</summary>
public sealed class LinkResendException(string message) : Exception(message);
