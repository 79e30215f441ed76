using ActorTrain.Torch;

namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>Shape and dtype carried beside a tensor so the receiver can check it before computing.</summary>
public sealed record TensorMeta(long[] Shape, ScalarType DType)
{
    public static TensorMeta Of(Tensor t) => new(t.Shape, t.DType);

    public bool Matches(TensorMeta other) => DType == other.DType && Shape.AsSpan().SequenceEqual(other.Shape);

    public override string ToString() => $"[{string.Join(", ", Shape)}] {DType}";
}
