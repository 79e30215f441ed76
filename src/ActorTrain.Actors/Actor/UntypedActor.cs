namespace ActorTrain.Actors;

/// <summary>An actor with one <see cref="OnReceive"/> method; call <see cref="ActorBase.Unhandled"/> for messages it does not take.</summary>
public abstract class UntypedActor : ActorBase
{
    private readonly Behavior _initial;

    protected UntypedActor()
    {
        _initial = message =>
        {
            OnReceive(message);
            return true;
        };
    }

    internal override Behavior InitialBehavior => _initial;

    protected abstract void OnReceive(object message);

    protected void Become(Action<object> receive) => Context.Become(Wrap(receive));

    protected void BecomeStacked(Action<object> receive) => Context.BecomeStacked(Wrap(receive));

    protected void Unbecome() => Context.Unbecome();

    private static Behavior Wrap(Action<object> receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        return message =>
        {
            receive(message);
            return true;
        };
    }
}
