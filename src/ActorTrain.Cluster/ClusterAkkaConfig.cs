using System.Globalization;
using ActorTrain.Config.Settings;

namespace ActorTrain.Cluster;

/// <summary>The Akka settings of a clustered run's processes: the cluster provider, this node's address, and the driver as the one seed node.</summary>
public static class ClusterAkkaConfig
{
    public const string SystemName = "actortrain";
    public const string DriverRole = "driver";
    public const string WorkerRole = "worker";

    /// <summary>The driver actor's name under <c>/user</c>, where workers send their hello.</summary>
    public const string DriverActorName = "cluster-driver";

    /// <summary>The driver's address, the cluster's seed node.</summary>
    public static string SeedAddress(ClusterSettings cluster) =>
        string.Create(CultureInfo.InvariantCulture, $"akka.tcp://{SystemName}@{cluster.Hostname}:{cluster.Port}");

    /// <summary>
    /// The driver binds <see cref="ClusterSettings.Hostname"/>:<see cref="ClusterSettings.Port"/>; a worker binds its own
    /// <see cref="ClusterSettings.WorkerHostname"/> on any free port (on another machine the driver's address is not its own).
    /// </summary>
    public static string For(ClusterSettings cluster, bool driver) => string.Create(CultureInfo.InvariantCulture, $$"""
        akka {
          actor.provider = cluster
          remote.dot-netty.tcp {
            hostname = "{{(driver ? cluster.Hostname : cluster.WorkerHostname)}}"
            port = {{(driver ? cluster.Port : 0)}}
          }
          remote.log-remote-lifecycle-events = off
          # Snapshot replicas go between workers in chunks below the transport's maximum frame size (128000 bytes by
          # default, see NodeActor.ChunkBytes), as raw bytes rather than base64 JSON.
          actor.serializers.snapshot-chunk = "ActorTrain.Cluster.Snapshots.SnapshotChunkSerializer, ActorTrain.Cluster"
          actor.serialization-bindings { "ActorTrain.Cluster.Messages.SnapshotChunk, ActorTrain.Cluster" = snapshot-chunk }
          cluster {
            seed-nodes = ["{{SeedAddress(cluster)}}"]
            roles = [{{(driver ? DriverRole : WorkerRole)}}]
            # A lost node is reported by the failure detector (unreachable) well before anything would down it.
            failure-detector.acceptable-heartbeat-pause = 3 s
          }
          # The process decides when to exit (its exit code says how the run went) and leaves the cluster before it
          # returns; at exit it must not wait again for a leave that a lost member can hold up for many seconds.
          coordinated-shutdown.exit-clr = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """);
}
