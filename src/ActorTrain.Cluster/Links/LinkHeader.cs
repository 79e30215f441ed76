using ActorTrain.Torch;

namespace ActorTrain.Cluster.Links;

/// <summary>
/// The small int64 tensor sent before each payload over a Gloo link: [kind, step, micro-batch, ndim, dims...], so the
/// receiver can allocate the payload's tensor and rebuild the stage message (for a test batch, the step is the batch
/// index). Kind End closes the link.
/// </summary>
internal readonly record struct LinkHeader(LinkHeader.Kinds Kind, long Step, int MicroBatch, long[] Shape)
{
    public enum Kinds : long
    {
        Forward = 0,
        Backward = 1,
        End = 2,
        Evaluate = 3,
    }

    public const int MaxDims = 4;
    public const int Length = 4 + MaxDims;

    public static readonly LinkHeader EndOfLink = new(Kinds.End, 0, 0, []);

    public static Tensor Empty() => Tensor.Zeros([Length], ScalarType.Int64);

    public Tensor ToTensor()
    {
        if (Shape.Length > MaxDims) throw new NotSupportedException($"a Gloo link carries tensors of at most {MaxDims} dimensions, not {Shape.Length}");
        var values = new long[Length];
        (values[0], values[1], values[2], values[3]) = ((long)Kind, Step, MicroBatch, Shape.Length);
        Shape.CopyTo(values, 4);
        return Tensor.FromSpan(values, [Length]);
    }

    public static LinkHeader From(Tensor header)
    {
        var v = header.ToArrayLong();
        var kind = (Kinds)v[0];
        if (!Enum.IsDefined(kind) || v[3] < 0 || v[3] > MaxDims) throw new InvalidDataException($"not a link header: [{string.Join(", ", v)}]");
        return new LinkHeader(kind, v[1], (int)v[2], v.AsSpan(4, (int)v[3]).ToArray());
    }
}
