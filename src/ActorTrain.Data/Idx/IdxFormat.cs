namespace ActorTrain.Data.Idx;

/// <summary>
/// The IDX layout (LeCun's MNIST format): a big-endian magic number 0x0000TTNN (TT the element type,
/// 0x08 for unsigned bytes; NN the number of dimensions), NN big-endian 32-bit sizes, then the elements.
/// </summary>
internal static class IdxFormat
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    public static int Rank(int magic) => magic & 0xFF;

    public static string Describe(int magic) => magic switch
    {
        ImagesMagic => "IDX unsigned-byte images: count x rows x columns",
        LabelsMagic => "IDX unsigned-byte labels: count",
        _ when (magic & ~0xFFFF) == 0 => $"IDX type 0x{(magic >> 8) & 0xFF:X2} with {Rank(magic)} dimensions",
        _ => "not an IDX file",
    };
}
