using System.Net;
using System.Net.Sockets;

namespace ActorTrain.Cli.Bench;

/// <summary>A loopback port nobody listens on now, so a bench never collides with another run on this machine.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
