namespace ActorTrain.Actors;

/// <summary>When a <see cref="BackoffSupervisor"/> restarts its child.</summary>
public enum BackoffTrigger
{
    /// <summary>When the child fails. A child that stops on its own is not restarted, and the supervisor stops too.</summary>
    OnFailure,

    /// <summary>Whenever the child stops, for whatever reason (a failure restarts it in place, as usual).</summary>
    OnStop,
}
