namespace ActorTrain.Actors;

/// <summary>
/// Owns one child and restarts it after a growing delay (<see cref="Backoff.Delay"/>) instead of at once, so a
/// child that keeps failing on a missing resource does not spin. Other messages are forwarded to the child, or
/// dead-lettered while it is down. Create it with <see cref="Props(BackoffOptions)"/>.
/// </summary>
public sealed class BackoffSupervisor : UntypedActor
{
    private readonly BackoffOptions _options;
    private readonly Random _random;
    private IActorRef? _child;
    private bool _childFailed;
    private DateTimeOffset _childStartedAt;
    private int _restartCount;

    private BackoffSupervisor(BackoffOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
    }

    public static Props Props(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ActorTrain.Actors.Props.Create(() => new BackoffSupervisor(options));
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        _options.Trigger == BackoffTrigger.OnFailure
            ? new OneForOneStrategy(static _ => Directive.Stop) // the restart comes after the delay, from ChildStopped
            : ActorTrain.Actors.SupervisorStrategy.Default;

    protected override void PreStart() => StartChildNow();

    protected override void OnChildFailure(ActorFailed failure) => _childFailed = true;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Terminated terminated when ReferenceEquals(terminated.ActorRef, _child):
                ChildStopped();
                break;
            case Terminated:
                break;
            case StartChild:
                StartChildNow();
                break;
            case GetCurrentChild:
                Sender.Tell(new CurrentChild(_child));
                break;
            case GetRestartCount:
                Sender.Tell(new RestartCount(_restartCount));
                break;
            default:
                if (_child is null) Context.System.DeadLetters.Tell(message, Sender);
                else _child.Tell(message, Sender);
                break;
        }
    }

    private void StartChildNow()
    {
        _childFailed = false;
        _childStartedAt = Context.System.TimeProvider.GetUtcNow();
        _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
    }

    private void ChildStopped()
    {
        _child = null;
        if (_options.Trigger == BackoffTrigger.OnFailure && !_childFailed)
        {
            Log.Information("{ActorPath}: child stopped on its own; stopping too", Self.Path.ToString());
            Context.Stop(Self);
            return;
        }
        var now = Context.System.TimeProvider.GetUtcNow();
        if (_options.ResetBackoffAfter is { } resetAfter && now - _childStartedAt >= resetAfter) _restartCount = 0;
        if (_options.MaxNrOfRetries >= 0 && _restartCount >= _options.MaxNrOfRetries)
        {
            Log.Warning("{ActorPath}: child stopped after {Restarts} restarts; giving up", Self.Path.ToString(), _restartCount);
            Context.Stop(Self);
            return;
        }
        var delay = Backoff.Delay(_restartCount, _options.MinBackoff, _options.MaxBackoff, _options.RandomFactor, _random);
        _restartCount++;
        Context.System.Scheduler.ScheduleTellOnce(delay, Self, StartChild.Instance, Self);
        Log.Information("{ActorPath}: restarting child in {Delay} (restart {Restart})", Self.Path.ToString(), delay, _restartCount);
        Context.System.EventStream.Publish(new BackoffRestartScheduled(Self, _restartCount, delay));
    }
}
