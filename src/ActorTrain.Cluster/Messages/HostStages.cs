namespace ActorTrain.Cluster.Messages;

/// <summary>
/// The driver's placement, sent to every worker: its Gloo rank in a group of <paramref name="WorldSize"/>, the layers
/// per stage (<paramref name="Balance"/>, so every worker cuts the model alike), the rank hosting each stage, where the
/// group meets (the driver's TCPStore, under <paramref name="StorePrefix"/>, one per run generation) and the run
/// directory the stage files go to. <paramref name="ResumeFrom"/>, when set, is the committed checkpoint every worker
/// loads its stages from (it reads the files itself: one directory, or a shared filesystem path across machines).
/// <paramref name="Generation"/> counts re-placements after lost workers (0 for the first placement).
/// In dp, <paramref name="Balance"/> is the whole model as one stage and <paramref name="StageRanks"/> the rank of each replica.
/// <paramref name="Profile"/>: the run is profiled, so the worker records its stages' spans and Gloo transfers.
/// <paramref name="Buddy"/>: the node actor this worker replicates its stages' in-memory snapshots to (null: none, as
/// with one worker or snapshots off). <paramref name="Restore"/>: the stages start from that in-memory snapshot
/// instead of <paramref name="ResumeFrom"/>.
/// </summary>
public sealed record HostStages(
    int Rank, int WorldSize, int[] Balance, int[] StageRanks, string StoreHost, int StorePort, string StorePrefix, string RunDirectory,
    string? ResumeFrom, int Generation = 0, bool Profile = false, Akka.Actor.IActorRef? Buddy = null, RestoreSnapshot? Restore = null);
