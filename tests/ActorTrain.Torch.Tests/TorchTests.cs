namespace ActorTrain.Torch.Tests;

public class TorchTests
{
    [TorchFact]
    public void The_library_reports_its_libtorch_version_and_cuda_state()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", Torch.Version);
        Assert.Equal(Torch.CudaIsAvailable, Torch.CudaDeviceCount > 0);
    }

    [TorchFact]
    public void The_intra_op_thread_count_can_be_set()
    {
        var before = Torch.GetThreads();
        try
        {
            Torch.SetThreads(2);
            Assert.Equal(2, Torch.GetThreads());
        }
        finally
        {
            Torch.SetThreads(before);
        }
    }

    [TorchFact]
    public void A_generator_reseeded_repeats_its_draws()
    {
        using var g = new Generator(3);
        using var a = Tensor.Rand([8], generator: g);
        g.ManualSeed(3);
        using var b = Tensor.Rand([8], generator: g);
        Assert.True(a.ValueEquals(b));
    }

    [TorchFact]
    public void Libtorch_errors_arrive_as_torch_exceptions_with_its_message()
    {
        using var a = Tensor.Zeros([2, 3]);
        var e = Assert.Throws<TorchException>(() => a.View(7));
        Assert.Contains("invalid for input of size 6", e.Message);
    }
}
