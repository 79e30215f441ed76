using ActorTrain.Torch.Serialization;

namespace ActorTrain.Torch.Tests.Serialization;

public sealed class CheckpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [TorchFact]
    public void Tensors_round_trip_through_a_checkpoint_bit_exactly()
    {
        float[] weights = [-0.0f, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7FC0_0ABC), 1e-42f, 3.25f, -7f];
        using var w = Tensor.FromSpan(weights, [2, 3]);
        using var d = Tensor.FromSpan([BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0042), -0.0], [2]);
        using var step = Tensor.FromSpan([long.MinValue], []);
        using var bytes = Tensor.FromSpan(new byte[] { 0, 1, 255 }, [3]);
        using var empty = Tensor.FromSpan(ReadOnlySpan<float>.Empty, [0, 4]);
        using var maskSource = Tensor.FromSpan(new byte[] { 0, 1, 1 }, [3]);
        using var mask = maskSource.To(ScalarType.Bool);
        var path = _dir.File("model.safetensors");

        Checkpoint.Save(path, new Dictionary<string, Tensor> { ["w"] = w, ["d"] = d, ["step"] = step, ["bytes"] = bytes, ["empty"] = empty, ["mask"] = mask },
            new Dictionary<string, string> { ["epoch"] = "2" });
        var (tensors, metadata) = Checkpoint.Load(path);

        try
        {
            Assert.Equal(["w", "d", "step", "bytes", "empty", "mask"], tensors.Keys);
            Assert.Equal("2", metadata["epoch"]);
            Assert.Equal([2L, 3L], tensors["w"].Shape);
            Assert.Equal(weights.Select(BitConverter.SingleToInt32Bits), tensors["w"].ToArrayFloat().Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(d.ToArrayDouble().Select(BitConverter.DoubleToInt64Bits), tensors["d"].ToArrayDouble().Select(BitConverter.DoubleToInt64Bits));
            Assert.Empty(tensors["step"].Shape);
            Assert.Equal(long.MinValue, tensors["step"].ToScalarLong());
            Assert.Equal(new byte[] { 0, 1, 255 }, tensors["bytes"].ToArrayByte());
            Assert.Equal([0L, 4L], tensors["empty"].Shape);
            Assert.Equal(ScalarType.Bool, tensors["mask"].DType);
            Assert.Equal([false, true, true], new[] { 0, 1, 2 }.Select(i => tensors["mask"].Narrow(0, i, 1).Item<bool>()));
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    [TorchFact]
    public void A_transposed_tensor_is_saved_in_its_logical_order()
    {
        using var m = Tensor.FromSpan([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]);
        using var transposed = m.T();
        var path = _dir.File("t.safetensors");

        Checkpoint.Save(path, [new("t", transposed)]);

        var (tensors, _) = Checkpoint.Load(path);
        using var loaded = tensors["t"];
        Assert.Equal([3L, 2L], loaded.Shape);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], loaded.ToArrayFloat());
    }

    [TorchFact]
    public void A_damaged_checkpoint_is_refused_naming_the_file()
    {
        using var w = Tensor.FromSpan([1f, 2f, 3f, 4f], [4]);
        var path = _dir.File("damaged.safetensors");
        Checkpoint.Save(path, [new("w", w)]);
        var file = File.ReadAllBytes(path);
        file[^2] ^= 0x40;
        File.WriteAllBytes(path, file);

        var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("data checksum mismatch", e.Message);
    }
}
