namespace ActorTrain.Torch.Serialization;

/// <summary>One tensor's header record: where its bytes lie in the data section, as [Begin, End).</summary>
internal sealed record SafeTensorsTensorInfo(string Name, ScalarType DType, long[] Shape, long Begin, long End);
