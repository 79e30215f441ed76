namespace ActorTrain.Profiling.Merging;

/// <summary>One worker as the profile of a clustered run knows it (see <see cref="ClusterNodes"/>).</summary>
/// <param name="Clock">Its clock's offset from the driver's, or null when it was not measured (<paramref name="ClockProblem"/> says why).</param>
/// <param name="PartPath">The file its recording arrived in; null while (or because) it has not.</param>
/// <param name="Missing">Why its part did not arrive, when it did not.</param>
internal sealed record ClusterWorker(
    string Address,
    int Pid,
    int Rank = -1,
    int[]? Stages = null,
    ClockOffset? Clock = null,
    string? ClockProblem = null,
    string? PartPath = null,
    string? Missing = null)
{
    public int[] Stages { get; init; } = Stages ?? [];

    public string Describe() => $"worker {Rank} at {Address} (pid {Pid}, stage(s) {string.Join(", ", Stages)})";
}
