namespace ActorTrain.Faults;

/// <summary>One row of a fault experiment: the fault, what detected it, and how the run recovered.</summary>
public sealed record FaultOutcome(InjectedFault Fault, string Detected, string Recovery)
{
    /// <summary>Whether the link protocol noticed the fault (a delay that arrived in order needs no notice).</summary>
    public bool WasDetected => Detected != FaultOutcomes.NotNeeded;
}
