namespace ActorTrain.Profiling.Merging;

/// <summary>A Gloo transfer recorded by worker <paramref name="Rank"/>, its times already on the driver's clock.</summary>
internal readonly record struct NodeTransfer(int Rank, TransferSpan Span);
