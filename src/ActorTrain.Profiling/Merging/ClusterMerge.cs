using ActorTrain.Profiling.Recording;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Merging;

/// <summary>
/// Merges the driver's recording (steps, evaluations, the run's start and end, the faults it injected) with the workers' parts (and their injected faults) into one
/// profile on the driver's clock: each worker timestamp is converted to nanoseconds, shifted by that worker's measured
/// offset and converted to the driver's ticks. Each Gloo send also becomes a send span on its stage, as the link's
/// span recorder makes one in a single process, so per-stage figures count it. Pure: reading the files is the caller's.
/// </summary>
internal static class ClusterMerge
{
    public static ProfileData Merge(ProfileData driver, string driverAddress, IReadOnlyList<ClusterWorker> workers, IReadOnlyDictionary<int, NodePart> parts)
    {
        var spans = new List<Span>(driver.Spans);
        var memory = new List<MemoryReading>(driver.Memory);
        var injections = new List<FaultInjection>();
        var transfers = new List<NodeTransfer>();
        var warnings = new List<string>();
        var stageInfos = new List<StageInfo>();
        foreach (var worker in workers)
        {
            if (!parts.TryGetValue(worker.Rank, out var part))
            {
                warnings.Add($"{worker.Describe()} delivered no profile ({worker.Missing ?? "no answer before the run ended"}): its stages are missing from the trace");
                continue;
            }
            if (worker.Clock is null)
                warnings.Add($"{worker.Describe()}: clock offset not measured ({worker.ClockProblem ?? "no ping answered"}); its times are taken as the driver's");
            var clock = worker.Clock ?? ClockOffset.Unmeasured;
            long Shift(long ticks) => ToDriver(ticks, part.Frequency, clock, driver.Frequency);
            spans.AddRange(part.Spans.Select(s => s with { StartTimestamp = Shift(s.StartTimestamp), EndTimestamp = Shift(s.EndTimestamp) }));
            memory.AddRange(part.Memory.Select(m => m with { Timestamp = Shift(m.Timestamp) }));
            injections.AddRange(part.Injections.Select(f => f with { Timestamp = Shift(f.Timestamp) }));
            foreach (var t in part.Transfers)
            {
                var shifted = t with { StartTimestamp = Shift(t.StartTimestamp), EndTimestamp = Shift(t.EndTimestamp) };
                transfers.Add(new NodeTransfer(worker.Rank, shifted));
                if (!t.IsReceive)
                    spans.Add(new Span(t.FromStage, SpanKind.Send, t.Step, t.MicroBatch, shifted.StartTimestamp, shifted.EndTimestamp, t.Bytes));
            }
            stageInfos.AddRange(part.Stages);
        }

        var runs = driver.Runs.Select(r => r with { StageDetails = stageInfos.OrderBy(s => s.Stage).ToArray() }).ToArray();
        long start = spans.Count == 0 ? driver.Start : Math.Min(driver.Start, spans.Min(s => s.StartTimestamp));
        long end = spans.Count == 0 ? driver.End : Math.Max(driver.End, spans.Max(s => s.EndTimestamp));
        var view = new ClusterView(driverAddress, workers, transfers, warnings) { Frequency = driver.Frequency };
        return driver with
        {
            Runs = runs,
            Spans = spans.ToArray(),
            Memory = memory,
            Injections = WithDriverMarks(injections, driver.FaultInjections),
            Links = Links(view),
            Start = start,
            End = end,
            Cluster = view,
        };
    }

    /// <summary>
    /// The workers' marks, and the driver's for what no worker marked: the driver marks a crash or NaN it restarted from
    /// when it dispatched the step, and the worker that injected it knows the moment itself.
    /// </summary>
    private static FaultInjection[] WithDriverMarks(List<FaultInjection> workers, IReadOnlyList<FaultInjection> driver) =>
        [.. workers, .. driver.Where(d => !workers.Any(w => w.Kind == d.Kind && w.Where == d.Where && w.Step == d.Step))];

    /// <summary>A worker's tick on the driver's clock: both clocks in nanoseconds, the worker's shifted by its offset.</summary>
    public static long ToDriver(long nodeTicks, long nodeFrequency, ClockOffset clock, long driverFrequency) =>
        Nanoseconds.ToTicks(clock.ToDriver(Nanoseconds.FromTicks(nodeTicks, nodeFrequency)), driverFrequency);

    /// <summary>The links table of a single-process profile, from the senders' side of each Gloo transfer.</summary>
    private static IReadOnlyList<LinkTraffic> Links(ClusterView view) => view.Transfers
        .Where(t => !t.Span.IsReceive)
        .GroupBy(t => (t.Span.FromStage, t.Span.ToStage))
        .OrderBy(g => g.Key.FromStage).ThenBy(g => g.Key.ToStage)
        .Select(g => new LinkTraffic(g.Key.FromStage, g.Key.ToStage, g.Key.FromStage < g.Key.ToStage ? "Forward" : "Backward", g.Count(),
            g.Sum(t => t.Span.Bytes), g.Sum(t => (t.Span.EndTimestamp - t.Span.StartTimestamp) * 1_000.0 / view.Frequency)))
        .ToArray();
}
