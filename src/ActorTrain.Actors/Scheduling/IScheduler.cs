namespace ActorTrain.Actors;

/// <summary>Timed sends on the system's TimeProvider, so tests drive them with a manual clock. Everything pending is cancelled when the system stops.</summary>
public interface IScheduler
{
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null);

    /// <summary>Sends after <paramref name="initialDelay"/>, then every <paramref name="interval"/>, until cancelled.</summary>
    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null);

    /// <summary>Runs <paramref name="action"/> on a timer thread after <paramref name="delay"/>; keep it short and thread-safe.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}
