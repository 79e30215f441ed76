using ActorTrain.Torch;
using ActorTrain.Training.Links;
using ProtocolHeader = ActorTrain.Training.Links.LinkHeader;

namespace ActorTrain.Cluster.Links;

/// <summary>
/// The small int64 tensor sent before each payload over a Gloo link:
/// [kind, step, micro-batch, ndim, dims (4), generation, sequence, checksum, attempt], so the receiver can allocate the
/// payload's tensor and rebuild the stage message with its link-protocol header (for a test batch, the step is the batch
/// index; frames outside the protocol carry sequence 0). Kind End closes the link; Ack and Resend are the protocol's
/// answers about the frames of the opposite direction and carry no payload.
/// </summary>
internal readonly record struct LinkHeader(
    LinkHeader.Kinds Kind, long Step, int MicroBatch, long[] Shape, long Generation = 0, long Sequence = 0, uint Checksum = 0, int Attempt = 0)
{
    public enum Kinds : long
    {
        Forward = 0,
        Backward = 1,
        End = 2,
        Evaluate = 3,
        Ack = 4,
        Resend = 5,
    }

    public const int MaxDims = 4;
    public const int Length = 4 + MaxDims + 4;

    public static readonly LinkHeader EndOfLink = new(Kinds.End, 0, 0, []);

    public bool HasPayload => Kind is Kinds.Forward or Kinds.Backward or Kinds.Evaluate;

    /// <summary>A frame of the link protocol: its header travels in the last four fields.</summary>
    public bool IsFrame => Sequence > 0 && Kind is Kinds.Forward or Kinds.Backward;

    public static Tensor Empty() => Tensor.Zeros([Length], ScalarType.Int64);

    /// <summary>The header of a protocol frame's payload.</summary>
    public static LinkHeader OfFrame(Kinds kind, ProtocolHeader h, long step, int microBatch, long[] shape) =>
        new(kind, step, microBatch, shape, h.Generation, h.Sequence, h.Checksum, h.Attempt);

    /// <summary>The protocol header of a received frame on the link <paramref name="from"/> -> <paramref name="to"/>.</summary>
    public ProtocolHeader ToProtocol(int from, int to) => new(Generation, from, to, Sequence, Checksum, Attempt);

    public Tensor ToTensor()
    {
        if (Shape.Length > MaxDims) throw new NotSupportedException($"a Gloo link carries tensors of at most {MaxDims} dimensions, not {Shape.Length}");
        var values = new long[Length];
        (values[0], values[1], values[2], values[3]) = ((long)Kind, Step, MicroBatch, Shape.Length);
        Shape.CopyTo(values, 4);
        (values[4 + MaxDims], values[5 + MaxDims], values[6 + MaxDims], values[7 + MaxDims]) = (Generation, Sequence, Checksum, Attempt);
        return Tensor.FromSpan(values, [Length]);
    }

    public static LinkHeader From(Tensor header)
    {
        var v = header.ToArrayLong();
        var kind = (Kinds)v[0];
        if (!Enum.IsDefined(kind) || v[3] < 0 || v[3] > MaxDims) throw new InvalidDataException($"not a link header: [{string.Join(", ", v)}]");
        return new LinkHeader(kind, v[1], (int)v[2], v.AsSpan(4, (int)v[3]).ToArray(), v[4 + MaxDims], v[5 + MaxDims], (uint)v[6 + MaxDims],
            (int)v[7 + MaxDims]);
    }
}
