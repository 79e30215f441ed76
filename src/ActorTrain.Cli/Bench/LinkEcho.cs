using System.Globalization;
using ActorTrain.Torch;
using ActorTrain.Torch.Distributed;
using Akka.Actor;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// The far end of <see cref="LinkProbe"/>, run as `actortrain bench-link-peer` in a second process: rank 1 of a
/// two-rank Gloo group that sends every tensor back as it came, then an Akka.Remote actor that answers every byte
/// array with itself, until the probe sets <see cref="LinkProbe.DoneKey"/>.
/// </summary>
internal static class LinkEcho
{
    public static void Serve(int storePort, int rounds, IReadOnlyList<int> sizes)
    {
        using var server = TcpStore.Connect(LinkProbe.Host, storePort, LinkProbe.Timeout);
        using var store = server.WithPrefix(LinkProbe.Prefix);
        using (var group = ProcessGroup.CreateGloo(store, rank: 1, worldSize: 2, LinkProbe.Timeout, LinkProbe.Host))
        {
            foreach (var size in sizes)
            {
                using var buffer = Tensor.Zeros([size / sizeof(float)]);
                for (var i = 0; i < rounds; i++)
                {
                    group.Recv(buffer, src: 0, LinkProbe.ToPeerTag, LinkProbe.Timeout);
                    group.Send(buffer, dst: 0, LinkProbe.ToProbeTag, LinkProbe.Timeout);
                }
            }
        }

        using var system = ActorSystem.Create("bench-link-peer", LinkProbe.AkkaRemote);
        var echo = system.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var address = ((ExtendedActorSystem)system).Provider.DefaultAddress;
        store.SetString(LinkProbe.EchoKey, string.Create(CultureInfo.InvariantCulture, $"{address}/user/{echo.Path.Name}"));
        // The probe measures Akka.Remote now; it sets the key when done (or this peer gives up with the timeout).
        store.Wait([LinkProbe.DoneKey], LinkProbe.Timeout * 4);
        system.Terminate().Wait(LinkProbe.Timeout);
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => Receive<byte[]>(bytes => Sender.Tell(bytes));
    }
}
