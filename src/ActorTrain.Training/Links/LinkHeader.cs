namespace ActorTrain.Training.Links;

/// <summary>
/// What the link protocol adds to an activation or gradient: the run generation (a stale one is a zombie's late
/// message), the sequence number on its link (from 1), the CRC-32C of the payload, and which send this is (0: the
/// first; a resend counts up, so a fault injector can leave resends alone).
/// </summary>
public sealed record LinkHeader(long Generation, int From, int To, long Sequence, uint Checksum, int Attempt = 0);
