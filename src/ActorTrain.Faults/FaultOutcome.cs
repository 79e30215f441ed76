namespace ActorTrain.Faults;

/// <summary>
/// One row of a fault experiment: the fault, what detected it and how soon, how the run recovered, how many completed
/// steps it trained again and the time it lost (from the fault until the run was back where it had been; null: no
/// rollback, or the run did not get back there).
/// </summary>
public sealed record FaultOutcome(
    InjectedFault Fault, string Detected, string Recovery, TimeSpan? TimeToDetect = null, long StepsReplayed = 0, TimeSpan? TimeLost = null)
{
    /// <summary>Whether the fault was noticed (a delay that arrived in order, a mild straggler need no notice; a short hang may go unseen).</summary>
    public bool WasDetected =>
        !Detected.StartsWith(FaultOutcomes.NoneNeeded, StringComparison.Ordinal) && !Detected.StartsWith(FaultOutcomes.NotDetected, StringComparison.Ordinal);
}
