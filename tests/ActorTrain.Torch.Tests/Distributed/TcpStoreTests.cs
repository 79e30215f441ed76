using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorTrain.Torch.Distributed;

namespace ActorTrain.Torch.Tests.Distributed;

/// <summary>Server and client in this one process, each with its own connection, as two ranks would have.</summary>
public class TcpStoreTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    [TorchFact]
    public void A_server_asked_for_port_zero_listens_on_a_real_port()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        Assert.InRange(server.Port, 1, ushort.MaxValue);
        Assert.Equal("127.0.0.1", server.Host);
    }

    [TorchFact]
    public void A_value_set_by_one_client_is_read_by_another()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var client = TcpStore.Connect("127.0.0.1", server.Port, Timeout);
        byte[] value = [0, 1, 2, 255];

        server.Set("bytes", value);
        client.SetString("text", "grüße");

        Assert.Equal(value, client.Get("bytes"));
        Assert.Equal("grüße", server.GetString("text"));
    }

    [TorchFact]
    public void An_empty_value_round_trips()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        server.Set("empty", ReadOnlySpan<byte>.Empty);
        Assert.Empty(server.Get("empty"));
    }

    [TorchFact]
    public async Task Add_counts_across_clients_without_losing_increments()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var client = TcpStore.Connect("127.0.0.1", server.Port, Timeout);

        await Task.WhenAll(
            Task.Run(() => { for (var i = 0; i < 100; i++) server.Add("counter", 1); }),
            Task.Run(() => { for (var i = 0; i < 100; i++) client.Add("counter", 2); }));

        Assert.Equal(300, server.Add("counter", 0));
        Assert.Equal(295, client.Add("counter", -5));
    }

    [TorchFact]
    public void Check_reports_whether_every_key_is_set()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        server.SetString("a", "1");

        Assert.True(server.Check(["a"]));
        Assert.False(server.Check(["a", "b"]));
    }

    [TorchFact]
    public void A_deleted_key_is_gone_and_deleting_it_again_says_so()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        server.SetString("k", "v");

        Assert.True(server.DeleteKey("k"));
        Assert.False(server.Check(["k"]));
        Assert.False(server.DeleteKey("k"));
    }

    [TorchFact]
    public async Task Wait_returns_once_another_client_sets_the_keys()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var client = TcpStore.Connect("127.0.0.1", server.Port, Timeout);

        var waiting = Task.Run(() => client.Wait(["x", "y"], Timeout));
        server.SetString("x", "1");
        server.SetString("y", "2");

        await waiting.WaitAsync(Timeout);
    }

    [TorchFact]
    public void Wait_for_a_key_nobody_sets_fails_after_its_timeout_and_the_store_still_works()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        using var client = TcpStore.Connect("127.0.0.1", server.Port, Timeout);

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<DistributedException>(() => client.Wait(["never"], Short));

        Assert.InRange(clock.Elapsed, Short * 0.9, Timeout);
        Assert.Contains("'never'", error.Message);
        client.SetString("after", "ok");
        Assert.Equal("ok", client.GetString("after"));
    }

    [TorchFact]
    public void Get_of_a_key_nobody_sets_fails_after_the_store_timeout()
    {
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Short);

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<DistributedException>(() => server.Get("missing"));

        Assert.InRange(clock.Elapsed, Short * 0.9, Timeout);
        Assert.Contains($"store 127.0.0.1:{server.Port}: get 'missing' (waiting up to 300 ms) failed", error.Message);
    }

    [TorchFact]
    public void Connecting_where_no_server_listens_fails_instead_of_hanging()
    {
        var port = FreePort();

        // c10d retries with backoff and gives up when the next retry would pass the deadline, so the
        // failure may come before the full timeout, never long after it.
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<DistributedException>(() => TcpStore.Connect("127.0.0.1", port, TimeSpan.FromSeconds(2)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the failure took {clock.Elapsed}");
        Assert.Contains($"connecting to store 127.0.0.1:{port}", error.Message);
    }

    [TorchFact]
    public void A_disposed_store_throws_ObjectDisposedException()
    {
        var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        server.Dispose();
        Assert.Throws<ObjectDisposedException>(() => server.SetString("k", "v"));
    }

    [TorchFact]
    public void Timeouts_that_are_not_positive_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TcpStore.CreateServer("127.0.0.1", 0, TimeSpan.Zero));
        using var server = TcpStore.CreateServer("127.0.0.1", 0, Timeout);
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Wait(["k"], System.Threading.Timeout.InfiniteTimeSpan));
    }

    /// <summary>A port nothing listens on: bound by the OS, then released.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
