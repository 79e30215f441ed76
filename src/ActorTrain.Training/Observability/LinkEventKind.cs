namespace ActorTrain.Training.Observability;

/// <summary>What the link protocol noticed or did about one frame.</summary>
public enum LinkEventKind
{
    /// <summary>A later frame came first: the receiver buffers it until the missing one arrives (the event names the missing one).</summary>
    OutOfOrder,
    /// <summary>A frame already used (or already buffered) came again, and was dropped.</summary>
    Duplicate,
    /// <summary>A frame of another run generation (a zombie's late message), dropped.</summary>
    StaleGeneration,
    /// <summary>The payload's CRC-32C differs from the header's: dropped, and a resend asked for.</summary>
    ChecksumMismatch,
    /// <summary>A gap outlived the resend timeout: the receiver asked for the missing frame.</summary>
    ResendRequested,
    /// <summary>The sender sent a kept copy again because the receiver asked.</summary>
    ResentOnRequest,
    /// <summary>The sender sent a kept copy again because no acknowledgement came in time.</summary>
    ResentOnTimeout,
}
