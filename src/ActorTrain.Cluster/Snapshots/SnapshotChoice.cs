using ActorTrain.Training.PipelineParallel;

namespace ActorTrain.Cluster.Snapshots;

/// <summary>The in-memory snapshot a recovery rolls back to: before <paramref name="Step"/>, where the data stood then, and the worker holding each stage's copy.</summary>
internal sealed record SnapshotChoice(long Step, SnapshotPoint Point, IReadOnlyList<string> Holders);
