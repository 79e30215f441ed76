namespace ActorTrain.Actors;

/// <summary>Carries out an <see cref="IMessageInterceptor"/>'s decision for one message. Only used when an interceptor is installed.</summary>
internal static class Interception
{
    public static void Route(LocalActorRef target, IMessageInterceptor interceptor, object message, IActorRef? sender)
    {
        var decision = interceptor.Intercept(target, message, sender);
        switch (decision.Action)
        {
            case InterceptAction.Deliver:
                target.Cell.Mailbox.Post(message, sender);
                target.ReleaseHeld();
                break;
            case InterceptAction.Duplicate:
                for (var i = 0; i < decision.Copies; i++) target.Cell.Mailbox.Post(message, sender);
                target.ReleaseHeld();
                break;
            default:
                Defer(target, decision, message, sender);
                break;
        }
    }

    public static async ValueTask RouteAsync(LocalActorRef target, IMessageInterceptor interceptor, object message, IActorRef? sender,
        CancellationToken cancellationToken)
    {
        var decision = interceptor.Intercept(target, message, sender);
        if (decision.Action is not (InterceptAction.Deliver or InterceptAction.Duplicate))
        {
            Defer(target, decision, message, sender);
            return;
        }
        var copies = decision.Action == InterceptAction.Duplicate ? decision.Copies : 1;
        for (var i = 0; i < copies; i++) await target.Cell.Mailbox.PostAsync(message, sender, cancellationToken).ConfigureAwait(false);
        target.ReleaseHeld();
    }

    private static void Defer(LocalActorRef target, InterceptDecision decision, object message, IActorRef? sender)
    {
        switch (decision.Action)
        {
            case InterceptAction.Drop:
                break;
            case InterceptAction.Delay:
                target.System.Scheduler.ScheduleOnce(decision.Delay, () => target.Cell.Mailbox.Post(message, sender));
                break;
            case InterceptAction.Hold:
                target.Hold(message, sender);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(decision), decision.Action, "unknown interceptor action");
        }
    }
}
