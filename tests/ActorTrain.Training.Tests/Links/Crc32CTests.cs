using System.Text;
using ActorTrain.Torch;
using ActorTrain.Training.Links;

namespace ActorTrain.Training.Tests.Links;

/// <summary>CRC-32C against the published check value and the iSCSI test vectors (RFC 3720, B.4).</summary>
public sealed class Crc32CTests
{
    [Fact]
    public void The_check_value_of_123456789_is_E3069283() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void The_rfc_3720_vectors_match()
    {
        Assert.Equal(0u, Crc32C.Compute([]));
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
    }

    [TorchFact]
    public void A_tensor_checksum_covers_its_stored_bytes_and_changes_with_one_flipped_bit()
    {
        float[] values = [1f, -2.5f, 3.25f];
        using var t = Tensor.FromSpan(values, [3]);
        var bytes = values.SelectMany(BitConverter.GetBytes).ToArray();
        Assert.Equal(Crc32C.Compute(bytes), Crc32C.Of(t));

        values[1] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(values[1]) ^ 1);
        using var flipped = Tensor.FromSpan(values, [3]);
        Assert.NotEqual(Crc32C.Of(t), Crc32C.Of(flipped));
    }
}
