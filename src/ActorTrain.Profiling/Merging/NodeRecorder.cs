using ActorTrain.Profiling.Recording;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Merging;

/// <summary>
/// A worker's recorder in a profiled clustered run: the observer of its stages (spans, peak memory) and the sink of its
/// Gloo links' transfers. Stage threads and receive loops call it concurrently; nothing is dropped (spans go to the same
/// chunked store as in one process). <see cref="WritePart"/> hands everything to the driver as a file.
/// </summary>
public sealed class NodeRecorder(int rank, string address, IReadOnlyList<StageInfo> stages) : ITrainingObserver
{
    private readonly SpanStore _spans = new();
    private readonly Lock _gate = new();
    private readonly List<TransferSpan> _transfers = [];
    private readonly List<MemoryReading> _memory = [];
    private readonly List<FaultInjection> _injections = [];

    public void OnSpan(in Span span) => _spans.Add(span);

    public void OnStageMemory(int stage, long peakBytes)
    {
        var now = TimeProvider.System.GetTimestamp();
        lock (_gate) _memory.Add(new MemoryReading(stage, peakBytes, now));
    }

    public void OnFaultInjected(FaultInjection fault)
    {
        lock (_gate) _injections.Add(fault);
    }

    public void OnTransfer(in TransferSpan transfer)
    {
        lock (_gate) _transfers.Add(transfer);
    }

    /// <summary>Writes what was recorded so far into <paramref name="directory"/> as worker-RANK.json (temp file, then rename).</summary>
    /// <returns>The file, and how many spans and transfers it holds.</returns>
    public (string Path, int Records) WritePart(string directory)
    {
        var part = Snapshot();
        var path = NodePartFile.PathFor(directory, rank);
        NodePartFile.Write(path, part);
        return (path, part.Spans.Length + part.Transfers.Length);
    }

    internal NodePart Snapshot()
    {
        var spans = _spans.ToArray();
        lock (_gate)
            return new NodePart(rank, address, Environment.ProcessId, stages, TimeProvider.System.TimestampFrequency, spans,
                _transfers.ToArray(), _memory.ToArray()) { Injections = _injections.ToArray() };
    }
}
