namespace ActorTrain.Profiling.Merging;

/// <summary>
/// The cluster side of a merged profile: the driver and its workers (each a process row in the trace), the Gloo
/// transfers, and the warnings about what could not be merged (a part that never arrived, a clock not measured).
/// </summary>
internal sealed record ClusterView(string DriverAddress, IReadOnlyList<ClusterWorker> Workers, IReadOnlyList<NodeTransfer> Transfers, IReadOnlyList<string> Warnings)
{
    /// <summary>The driver's process row; worker rank r is row r + 2 (trace viewers sort rows by this id).</summary>
    public const int DriverProcess = 1;

    private readonly Dictionary<int, int> _rankOfStage = Workers.SelectMany(w => w.Stages.Select(s => (Stage: s, w.Rank))).ToDictionary(p => p.Stage, p => p.Rank);

    public static int ProcessOfRank(int rank) => rank + 2;

    public int? RankOf(int stage) => _rankOfStage.TryGetValue(stage, out var rank) ? rank : null;

    public int ProcessOf(int stage) => RankOf(stage) is { } rank ? ProcessOfRank(rank) : DriverProcess;

    public IReadOnlyList<ClusterLink> Links() => Transfers
        .GroupBy(t => (t.Span.FromStage, t.Span.ToStage))
        .OrderBy(g => g.Key.FromStage).ThenBy(g => g.Key.ToStage)
        .Select(g =>
        {
            var sends = g.Where(t => !t.Span.IsReceive).ToArray();
            var receives = g.Where(t => t.Span.IsReceive).ToArray();
            return new ClusterLink(g.Key.FromStage, g.Key.ToStage, RankOf(g.Key.FromStage) ?? -1, RankOf(g.Key.ToStage) ?? -1,
                sends.Length, sends.Sum(t => t.Span.Bytes), sends.Sum(t => Milliseconds(t.Span)),
                receives.Length, receives.Sum(t => Milliseconds(t.Span)));
        })
        .ToArray();

    // Transfers are on the driver's clock by now, whose tick rate the merged profile carries.
    internal long Frequency { get; init; } = TimeProvider.System.TimestampFrequency;

    private double Milliseconds(TransferSpan t) => (t.EndTimestamp - t.StartTimestamp) * 1_000.0 / Frequency;
}
