namespace ActorTrain.Actors;

/// <summary>An <see cref="IMessageInterceptor"/>'s verdict on one message.</summary>
public readonly record struct InterceptDecision
{
    private InterceptDecision(InterceptAction action, TimeSpan delay, int copies)
    {
        Action = action;
        Delay = delay;
        Copies = copies;
    }

    public InterceptAction Action { get; }

    public TimeSpan Delay { get; }

    public int Copies { get; }

    public static InterceptDecision Deliver { get; } = new(InterceptAction.Deliver, TimeSpan.Zero, 1);

    public static InterceptDecision Drop { get; } = new(InterceptAction.Drop, TimeSpan.Zero, 0);

    public static InterceptDecision Hold { get; } = new(InterceptAction.Hold, TimeSpan.Zero, 1);

    public static InterceptDecision DelayBy(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(InterceptAction.Delay, delay, 1);
    }

    public static InterceptDecision Duplicate(int copies = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        return new(InterceptAction.Duplicate, TimeSpan.Zero, copies);
    }
}
