namespace ActorTrain.Profiling;

/// <summary>What <see cref="TraceChecker"/> found wrong with a trace.</summary>
public enum TraceProblemKind
{
    /// <summary>Not JSON, no traceEvents array, or an event without the fields its phase needs.</summary>
    Malformed,

    /// <summary>Two spans on one stage overlap in time; a stage does one thing at a time.</summary>
    Overlap,

    /// <summary>A forward of (step, micro-batch) on a stage has no backward there.</summary>
    MissingBackward,

    /// <summary>A backward of (step, micro-batch) on a stage has no forward there.</summary>
    MissingForward,

    /// <summary>A flow starts ("s") and never finishes ("f").</summary>
    UnfinishedFlow,

    /// <summary>A flow continues or finishes ("t"/"f") without having started, or starts or finishes twice.</summary>
    UnstartedFlow,

    /// <summary>A flow event has no slice on its thread to bind to, so no arrow is drawn.</summary>
    UnboundFlow,

    /// <summary>A thread with spans has no thread_name metadata, so it shows as a bare number.</summary>
    UnnamedThread,

    /// <summary>An arrow of a flow ends before it starts: clocks that disagree (a clustered run's offset) or a mislinked flow.</summary>
    FlowBackInTime,
}
