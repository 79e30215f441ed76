using System.Diagnostics;
using System.Globalization;
using ActorTrain.Torch;
using ActorTrain.Torch.Distributed;
using Akka.Actor;
using Akka.Configuration;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// Raw link figures between two processes on loopback: a tensor sent to a <see cref="LinkEcho"/> peer and back over
/// Gloo (the path activations take in a clustered run), then the same bytes as a byte array through Akka.Remote (the
/// path control messages take), each after a warm-up, as median round trips.
/// </summary>
internal static class LinkProbe
{
    public const string Host = "127.0.0.1";
    public const string Prefix = "bench-link";
    public const string EchoKey = "akka-echo";
    public const string DoneKey = "done";
    public const int ToPeerTag = 1, ToProbeTag = 2;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Akka.Remote on a free loopback port; frames big enough for the largest tensor measured (the default is 128,000
    /// bytes). No log output: Akka's logger writes to stdout, which holds the bench's JSON.
    /// </summary>
    public static readonly Akka.Configuration.Config AkkaRemote = ConfigurationFactory.ParseString($$"""
        akka {
          actor.provider = remote
          stdout-loglevel = OFF
          loglevel = OFF
          remote.log-remote-lifecycle-events = off
          remote.dot-netty.tcp {
            hostname = "{{Host}}"
            port = 0
            maximum-frame-size = 4000000b
            send-buffer-size = 4000000b
            receive-buffer-size = 4000000b
          }
        }
        """);

    public static IReadOnlyList<LinkFigures> Measure(IReadOnlyList<int> sizes, int warmup, int glooRounds, int akkaRounds, Action<string> progress)
    {
        var port = FreePort.Next();
        using var server = TcpStore.CreateServer(Host, port, Timeout);
        using var store = server.WithPrefix(Prefix);
        var args = new List<string> { LinkPeerCommandName, port.ToString(CultureInfo.InvariantCulture), (warmup + glooRounds).ToString(CultureInfo.InvariantCulture) };
        args.AddRange(sizes.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        using var peer = SelfProcess.Start([.. args]);
        progress($"link: peer process {peer.Pid} started");
        var figures = new List<LinkFigures>();
        using (var group = ProcessGroup.CreateGloo(store, rank: 0, worldSize: 2, Timeout, Host))
        {
            foreach (var size in sizes)
            {
                using var tensor = Tensor.Zeros([size / sizeof(float)]);
                var times = new List<double>();
                for (var i = 0; i < warmup + glooRounds; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    group.Send(tensor, dst: 1, ToPeerTag, Timeout);
                    group.Recv(tensor, src: 1, ToProbeTag, Timeout);
                    if (i >= warmup) times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                figures.Add(Report(LinkFigures.Of("gloo", size, times), progress));
            }
        }

        store.Wait([EchoKey], Timeout);
        using (var system = ActorSystem.Create("bench-link", AkkaRemote))
        {
            try
            {
                var echo = system.ActorSelection(store.GetString(EchoKey)).ResolveOne(Timeout).GetAwaiter().GetResult();
                foreach (var size in sizes)
                {
                    var payload = new byte[size];
                    var times = new List<double>();
                    for (var i = 0; i < warmup + akkaRounds; i++)
                    {
                        var start = Stopwatch.GetTimestamp();
                        echo.Ask<byte[]>(payload, Timeout).GetAwaiter().GetResult();
                        if (i >= warmup) times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                    figures.Add(Report(LinkFigures.Of("akka-remote", size, times), progress));
                }
            }
            finally
            {
                store.SetString(DoneKey, "1");
                system.Terminate().Wait(Timeout);
            }
        }
        var code = peer.WaitForExit(Timeout);
        if (code != 0) throw new InvalidOperationException($"the link peer (pid {peer.Pid}) exited with {code}:\n{peer.Output}");
        return figures;
    }

    /// <summary>The hidden command that runs <see cref="LinkEcho"/> (see Commands/LinkPeerCommand).</summary>
    public const string LinkPeerCommandName = "bench-link-peer";

    private static LinkFigures Report(LinkFigures f, Action<string> progress)
    {
        progress(FormattableString.Invariant($"link {f.Transport} {f.Bytes / 1024} KB: round trip {f.MedianRoundTripMs:F3} ms, {f.MegabytesPerSecond:N0} MB/s"));
        return f;
    }
}
