namespace ActorTrain.Training.Links;

/// <summary>
/// The link protocol's settings (`actortrain.links`): how long a gap may stay open before the receiver asks for a
/// resend (the sender resends unacknowledged frames after twice that), how many frames a sender keeps for resending,
/// and the run generation stamped on every frame.
/// </summary>
public sealed record LinkProtocolOptions(TimeSpan ResendTimeout, int Retained, long Generation = 1)
{
    public static readonly LinkProtocolOptions Default = new(TimeSpan.FromMilliseconds(100), 256);
}
