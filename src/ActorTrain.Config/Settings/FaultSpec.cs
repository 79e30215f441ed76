namespace ActorTrain.Config.Settings;

/// <summary>
/// One entry of `faults.plan`: a <see cref="Kind"/> of fault on the link <see cref="From"/> → <see cref="To"/> (message
/// faults) or on stage <see cref="From"/> = <see cref="To"/> (stage faults) or on the checkpoint of a step (storage
/// faults, which name neither: <see cref="From"/> = <see cref="To"/> = -1), either at the given <see cref="Steps"/> or at
/// random with probability <see cref="Rate"/> per frame (seeded by `faults.seed`), on every micro-batch or only
/// <see cref="MicroBatch"/>. <see cref="Duration"/> is a delay's or a hang's length, or how long a reorder holds a frame
/// at most; <see cref="Factor"/> how much slower a straggler runs; a stage fault fires at most <see cref="Times"/> times
/// (each replay of its step after a rollback counts: above `recovery.max-restarts` it is a crash loop).
/// </summary>
public sealed record FaultSpec(
    FaultKind Kind, int From, int To, IReadOnlyList<long> Steps, double? Rate, int? MicroBatch, TimeSpan Duration,
    double Factor = 1, int Times = 1)
{
    public static readonly TimeSpan DefaultHold = TimeSpan.FromMilliseconds(50);

    public string Link => $"{From}->{To}";

    /// <summary>The stage a stage fault acts on (a node fault: the stage whose worker process it acts on).</summary>
    public int Stage => From;

    /// <summary>Where the fault acts, as reports show it ("0->1", "stage 1", "checkpoint").</summary>
    public string Where => Kind.IsStageFault() ? $"stage {Stage}" : Kind.IsNodeFault() ? $"the node hosting stage {Stage}" : Kind.IsStorageFault() ? "checkpoint" : Link;

    /// <summary>Whether a first send of (step, micro-batch) on this entry's link is hit; a rate entry draws from <paramref name="random"/>.</summary>
    public bool Hits(long step, int microBatch, Random random) =>
        (MicroBatch is null || MicroBatch == microBatch) && (Rate is { } rate ? random.NextDouble() < rate : Steps.Contains(step));
}
