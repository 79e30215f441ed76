using ActorTrain.Config.Hocon;

namespace ActorTrain.Config.Settings;

/// <summary>`cluster`: a run whose stages live in worker processes (`actortrain node`) driven by `actortrain train`.</summary>
/// <param name="Hostname">The driver's address: its Akka port and the Gloo store listen there, and workers find it there.</param>
/// <param name="Port">The driver's Akka port; workers take any free port and find the driver here.</param>
/// <param name="Placement">The worker index of each stage; empty = auto (stages spread over workers in member order).</param>
/// <param name="StorePort">The port of the Gloo TCPStore the driver hosts for the workers' process group.</param>
/// <param name="LinkTimeout">How long any blocking Gloo call (group rendezvous, send, receive) may wait.</param>
/// <param name="BindHostname">A worker's own address (Akka and Gloo); empty = <paramref name="Hostname"/>. Node-local: it
/// differs between machines of one run, so it is left out of the configuration fingerprint.</param>
/// <param name="LinkBandwidth">Bytes per second this process's Gloo sends may use (0 = unpaced): every send takes at
/// least bytes / bandwidth, so processes on loopback behave as on a slower network. Node-local (each process paces its
/// own uplink; it changes timing, never results), so it is left out of the fingerprint.</param>
public sealed record ClusterSettings(
    bool Enabled, int Workers, string Hostname, int Port, TimeSpan JoinTimeout, IReadOnlyList<int> Placement, int StorePort, TimeSpan LinkTimeout,
    string BindHostname, long LinkBandwidth = 0)
{
    public const string Auto = "auto";

    /// <summary>The key of <see cref="BindHostname"/>, which the fingerprint leaves out.</summary>
    public const string BindHostnameKey = "actortrain.cluster.bind-hostname";

    /// <summary>The key of <see cref="LinkBandwidth"/>, which the fingerprint leaves out.</summary>
    public const string LinkBandwidthKey = "actortrain.cluster.link-bandwidth";

    /// <summary>The address a worker binds and announces: its own where set, else the driver's (one machine).</summary>
    public string WorkerHostname => BindHostname.Length > 0 ? BindHostname : Hostname;

    internal static ClusterSettings Read(SettingsReader r) => new(
        r.Bool("enabled"),
        r.Int("workers", min: 1),
        r.String("hostname", nonEmpty: true),
        r.Int("port", min: 1, max: 65535),
        r.Duration("join-timeout"),
        ReadPlacement(r),
        r.Int("store-port", min: 1, max: 65535),
        r.Duration("link-timeout"),
        r.String("bind-hostname"),
        r.Bandwidth("link-bandwidth"));

    private static IReadOnlyList<int> ReadPlacement(SettingsReader r)
    {
        if (r.Value("placement") is HoconScalar { Type: HoconValueType.String } s)
        {
            if (s.Text != Auto) r.Report("placement", "auto, or an array of worker indices (one per stage)", s);
            return [];
        }
        return r.IntList("placement", min: 0);
    }
}
