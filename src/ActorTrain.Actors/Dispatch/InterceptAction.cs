namespace ActorTrain.Actors;

/// <summary>What an <see cref="IMessageInterceptor"/> wants done with one message.</summary>
public enum InterceptAction
{
    Deliver,
    Drop,

    /// <summary>Deliver after <see cref="InterceptDecision.Delay"/> on the system's TimeProvider.</summary>
    Delay,

    /// <summary>Deliver <see cref="InterceptDecision.Copies"/> times.</summary>
    Duplicate,

    /// <summary>Keep it back and deliver it right after the next message delivered to the same actor: a reorder.</summary>
    Hold,
}
