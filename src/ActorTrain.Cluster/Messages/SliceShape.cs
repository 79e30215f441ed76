namespace ActorTrain.Cluster.Messages;

/// <summary>One tensor of a subnet's slices as it crosses over Gloo: its key ("1.0.weight", "1.0.weight#momentum_buffer") and shape.</summary>
public sealed record SliceShape(string Key, long[] Shape);
