using ActorTrain.Config.Settings;

namespace ActorTrain.Faults;

/// <summary>
/// A fault the injector applied: what, on which link, to which frame (step, micro-batch, sequence number), and when. A
/// stage fault names its stage as <see cref="From"/> = <see cref="To"/> and has no sequence number (-1); a storage fault
/// names neither (-1 -> -1, micro-batch -1) and its step is the checkpoint's.
/// </summary>
/// <param name="Generation">The link generation of the frame hit (its sequence number counts within it).</param>
public sealed record InjectedFault(FaultKind Kind, int From, int To, long Step, int MicroBatch, long Sequence, long Timestamp, long Generation = 1)
{
    public string Link => $"{From}->{To}";

    /// <summary>Where it acted, as reports show it ("0->1", "stage 1", "node of stage 1").</summary>
    public string Where => Kind.Place(From, To);
}
