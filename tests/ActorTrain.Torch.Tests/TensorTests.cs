namespace ActorTrain.Torch.Tests;

public class TensorTests
{
    [TorchFact]
    public void Float_data_round_trips_through_a_tensor()
    {
        float[] data = [1, 2, 3, 4, 5, 6];
        using var t = Tensor.FromSpan(data, [2, 3]);
        Assert.Equal([2L, 3L], t.Shape);
        Assert.Equal(2, t.Dim);
        Assert.Equal(6, t.NumElements);
        Assert.Equal(24, t.NBytes);
        Assert.Equal(ScalarType.Float32, t.DType);
        Assert.Equal(Device.Cpu, t.Device);
        Assert.Equal(data, t.ToArrayFloat());
    }

    [TorchFact]
    public void Long_and_byte_data_round_trip_through_tensors()
    {
        using var l = Tensor.FromSpan([long.MaxValue, -1L, 7L], [3]);
        Assert.Equal([long.MaxValue, -1L, 7L], l.ToArrayLong());
        using var b = Tensor.FromSpan(new byte[] { 0, 128, 255 }, [3]);
        Assert.Equal(ScalarType.UInt8, b.DType);
        Assert.Equal(new byte[] { 0, 128, 255 }, b.ToArrayByte());
    }

    [TorchFact]
    public void Data_that_does_not_fill_the_shape_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromSpan([1f, 2f, 3f], [2, 2]));
        Assert.Contains("needs 4 elements", e.Message);
    }

    [TorchFact]
    public void Copying_into_a_buffer_of_the_wrong_type_or_size_throws()
    {
        using var t = Tensor.Zeros([4]);
        Assert.Contains("dtype mismatch", Assert.Throws<TorchException>(() => t.CopyTo(new long[4])).Message);
        Assert.Contains("size mismatch", Assert.Throws<TorchException>(() => t.CopyTo(new float[3])).Message);
    }

    [TorchFact]
    public void Factories_fill_shapes_with_the_expected_values()
    {
        using var z = Tensor.Zeros([2, 2]);
        using var o = Tensor.Ones([3], ScalarType.Int64);
        using var a = Tensor.Arange(5);
        using var s = Tensor.Scalar(2.5, ScalarType.Float64);
        Assert.All(z.ToArrayFloat(), v => Assert.Equal(0f, v));
        Assert.Equal([1L, 1L, 1L], o.ToArrayLong());
        Assert.Equal([0L, 1L, 2L, 3L, 4L], a.ToArrayLong());
        Assert.Equal(2.5, s.Item<double>());
        Assert.Empty(s.Shape);
    }

    [TorchFact]
    public void A_disposed_tensor_throws_ObjectDisposedException()
    {
        var t = Tensor.Ones([2]);
        t.Dispose();
        Assert.True(t.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t.Shape);
        Assert.Throws<ObjectDisposedException>(() => t.Relu());
        using var other = Tensor.Ones([2]);
        Assert.Throws<ObjectDisposedException>(() => other.Add(t));
        t.Dispose();
    }

    [TorchFact]
    public void Conversions_change_dtype_and_clone_owns_its_storage()
    {
        using var t = Tensor.FromSpan([1.5f, 2.5f], [2]);
        using var d = t.To(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, d.DType);
        using var c = t.Clone();
        c.Fill_(0);
        Assert.Equal([1.5f, 2.5f], t.ToArrayFloat());
        using var alias = t.Detach();
        alias.Fill_(9);
        Assert.Equal([9f, 9f], t.ToArrayFloat());
    }

    [TorchFact]
    public void Asking_for_cuda_without_it_throws_a_clear_error()
    {
        if (Torch.CudaIsAvailable) return;
        var e = Assert.Throws<TorchException>(() => Tensor.Zeros([1], device: Device.Cuda(0)));
        Assert.Contains("CUDA device cuda:0 requested but this libtorch has no CUDA support", e.Message);
        using var t = Tensor.Zeros([1]);
        Assert.Throws<TorchException>(() => t.To(Device.Parse("cuda:0")));
    }

    [Fact]
    public void Devices_parse_and_print_as_in_pytorch()
    {
        Assert.Equal(Device.Cpu, Device.Parse("cpu"));
        Assert.Equal(Device.Cuda(1), Device.Parse("CUDA:1"));
        Assert.Equal(Device.Cuda(0), Device.Parse("cuda"));
        Assert.Equal("cuda:3", Device.Cuda(3).ToString());
        Assert.Throws<FormatException>(() => Device.Parse("tpu"));
    }

    [TorchFact]
    public void The_data_pointer_addresses_the_elements()
    {
        using var t = Tensor.FromSpan([3f, 4f], [2]);
        unsafe
        {
            var p = (float*)t.DataPtr;
            Assert.Equal(4f, p[1]);
            p[0] = 7f;
        }
        Assert.Equal([7f, 4f], t.ToArrayFloat());
    }
}
