using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Links;
using Akka.Actor;

namespace ActorTrain.Training.Hosting;

/// <summary>
/// Where a run's actors live and how its stages reach each other: the process's actor system (the CLI makes one per
/// process; null gives each run a private one, as tests do), the links (decorated by profiling and fault injection) and
/// the checkpoint commit (decorated by storage fault injection; the pipeline modes use it).
/// </summary>
public sealed record RunEnvironment(ActorSystem? System = null, LinkFactory? Links = null, ICheckpointCommit? Commit = null)
{
    public static readonly RunEnvironment Private = new();

    public LinkFactory LinkFactory => Links ?? LinkFactory.InProcess;

    public ICheckpointCommit CheckpointCommit => Commit ?? DirectCheckpointCommit.Instance;
}
