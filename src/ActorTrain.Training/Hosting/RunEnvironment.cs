using ActorTrain.Training.Links;
using Akka.Actor;

namespace ActorTrain.Training.Hosting;

/// <summary>
/// Where a run's actors live and how its stages reach each other: the process's actor system (the CLI makes one per
/// process; null gives each run a private one, as tests do) and the links (decorated by profiling, later by fault
/// injection).
/// </summary>
public sealed record RunEnvironment(ActorSystem? System = null, LinkFactory? Links = null)
{
    public static readonly RunEnvironment Private = new();

    public LinkFactory LinkFactory => Links ?? LinkFactory.InProcess;
}
