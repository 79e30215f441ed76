using ActorTrain.Torch.Distributed;

namespace ActorTrain.Torch.Tests.Distributed;

public class PrefixStoreTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [TorchFact]
    public void A_prefixed_key_lives_under_its_prefix_in_the_underlying_store()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var generation = server.WithPrefix("gen1");

        generation.SetString("k", "inside");

        Assert.Equal("inside", server.GetString("gen1/k"));
        Assert.False(server.Check(["k"]));
    }

    [TorchFact]
    public void Two_prefixes_do_not_see_each_others_keys()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var first = server.WithPrefix("gen1");
        using var second = server.WithPrefix("gen2");

        first.Add("count", 5);

        Assert.Equal(1, second.Add("count", 1));
        Assert.Equal(5, first.Add("count", 0));
    }

    [TorchFact]
    public void Prefixes_nest()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var outer = server.WithPrefix("a");
        using var inner = outer.WithPrefix("b");

        inner.SetString("k", "v");

        Assert.Equal("v", server.GetString("a/b/k"));
    }

    [TorchFact]
    public void A_prefix_store_keeps_working_after_its_underlying_store_is_disposed()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var client = TcpStore.Connect("127.0.0.1", server.Port, Timeout);
        using var view = client.WithPrefix("p");

        client.Dispose();
        view.SetString("k", "v");

        Assert.Equal("v", server.GetString("p/k"));
    }
}
