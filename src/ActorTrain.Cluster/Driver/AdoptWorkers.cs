namespace ActorTrain.Cluster.Driver;

/// <summary>
/// A mode plan's next entry starts with the workers of the entry before it: a new driver that gets this places its
/// stages on them at once instead of waiting for hellos (they were admitted already, and are still members). Also the
/// answer to <see cref="HandOverWorkers"/>. Never leaves the driver's process.
/// </summary>
internal sealed record AdoptWorkers(IReadOnlyList<WorkerEntry> Workers);
