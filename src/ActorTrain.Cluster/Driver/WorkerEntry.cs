using Akka.Actor;

namespace ActorTrain.Cluster.Driver;

/// <summary>A worker as the driver knows it: its node actor, address and process id, and once placed its stages (dp: its replica) and their host actor.</summary>
internal sealed record WorkerEntry(IActorRef Node, Address Address, int Pid)
{
    public int Rank { get; set; } = -1;

    public int[] Stages { get; set; } = [];

    public IActorRef? StageHost { get; set; }

    /// <summary>What <see cref="Stages"/> numbers: "stage(s)", or "replica" in dp.</summary>
    public string Hosts { get; set; } = "stage(s)";

    public override string ToString() =>
        Stages.Length == 0 ? $"{Address} (pid {Pid})" : $"worker {Rank} at {Address} (pid {Pid}) with {Hosts} {string.Join(", ", Stages)}";
}
