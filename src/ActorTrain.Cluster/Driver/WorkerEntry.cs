using Akka.Actor;

namespace ActorTrain.Cluster.Driver;

/// <summary>A worker as the driver knows it: its node actor, address and process id, and once placed its stages and their host actor.</summary>
internal sealed record WorkerEntry(IActorRef Node, Address Address, int Pid)
{
    public int Rank { get; set; } = -1;

    public int[] Stages { get; set; } = [];

    public IActorRef? StageHost { get; set; }

    public override string ToString() =>
        Stages.Length == 0 ? $"{Address} (pid {Pid})" : $"worker {Rank} at {Address} (pid {Pid}) with stage(s) {string.Join(", ", Stages)}";
}
