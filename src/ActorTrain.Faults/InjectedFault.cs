using ActorTrain.Config.Settings;

namespace ActorTrain.Faults;

/// <summary>A fault the injector applied: what, on which link, to which frame (step, micro-batch, sequence number), and when.</summary>
public sealed record InjectedFault(FaultKind Kind, int From, int To, long Step, int MicroBatch, long Sequence, long Timestamp)
{
    public string Link => $"{From}->{To}";
}
