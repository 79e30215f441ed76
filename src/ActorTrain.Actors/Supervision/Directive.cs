namespace ActorTrain.Actors;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; drop the failing message and go on with the next.</summary>
    Resume,

    /// <summary>Replace the instance with a fresh one from its Props (PreRestart, then PostRestart); queued messages are kept.</summary>
    Restart,

    /// <summary>Stop the child for good.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, for its own supervisor to decide.</summary>
    Escalate,
}
