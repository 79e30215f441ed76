namespace ActorTrain.Profiling.Recording;

/// <summary>A stage's reported peak tensor memory, stamped with when it was reported so it can be given to a mode.</summary>
internal readonly record struct MemoryReading(int Stage, long PeakBytes, long Timestamp);
