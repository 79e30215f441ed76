namespace ActorTrain.Profiling;

/// <summary>What <see cref="TraceChecker"/> holds a trace to.</summary>
public sealed record TraceCheckOptions
{
    /// <summary>Whether every forward must have its backward on the same stage (and the reverse). Default true.</summary>
    public bool RequireBackward { get; init; } = true;

    /// <summary>
    /// Modes (the "mode" argument of a span) exempt from the forward/backward pairing: decoupled
    /// stages train on synthetic targets, so a sequential-variant stage forwards micro-batches it
    /// never backpropagates. Default decoupled. Evaluation spans are never paired.
    /// </summary>
    public IReadOnlySet<string> ModesWithoutBackward { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "decoupled" };

    /// <summary>How far two spans may overlap, in microseconds, before it counts: the trace keeps times to the nanosecond. Default 0.001.</summary>
    public double ToleranceMicroseconds { get; init; } = 0.001;
}
