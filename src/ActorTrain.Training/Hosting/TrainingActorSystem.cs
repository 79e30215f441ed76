using Akka.Actor;
using Akka.Configuration;
using Akka.Event;

namespace ActorTrain.Training.Hosting;

/// <summary>
/// Creates the actor system a process trains in: the user's <c>akka { }</c> section over ActorTrain's Akka defaults
/// (the stage dispatcher) over Akka's own, plus the dead-letter disposer, so a tensor in a message nobody will
/// read is still freed.
/// </summary>
public static class TrainingActorSystem
{
    /// <summary>ActorTrain's Akka settings; any of them may be overridden in the configuration file's <c>akka</c> section.</summary>
    public const string Defaults = """
        akka {
          stdout-loglevel = WARNING
          # A run's root actor that throws is stopped, never restarted: a restarted root would start the run over.
          actor.guardian-supervisor-strategy = "Akka.Actor.StoppingSupervisorStrategy"
          actor.stage-dispatcher {
            # One dedicated thread per actor: libtorch's intra-op thread count is a per-thread setting.
            type = PinnedDispatcher
            executor = fork-join-executor
          }
        }
        """;

    /// <param name="akkaHocon">The resolved <c>akka</c> section of the user's configuration ("" for none).</param>
    /// <param name="hostHocon">The host's own Akka settings (the CLI's logger), below the user's and above the defaults.</param>
    public static ActorSystem Create(string name, string akkaHocon = "", string hostHocon = "")
    {
        var config = ConfigurationFactory.ParseString(akkaHocon)
            .WithFallback(ConfigurationFactory.ParseString(hostHocon))
            .WithFallback(ConfigurationFactory.ParseString(Defaults));
        var system = ActorSystem.Create(name, config);
        StartDeadLetterDisposer(system);
        return system;
    }

    /// <summary>Subscribes a <see cref="DeadLetterDisposer"/> to <paramref name="system"/>'s dead letters.</summary>
    internal static void StartDeadLetterDisposer(ActorSystem system)
    {
        var disposer = system.ActorOf(Props.Create(() => new DeadLetterDisposer()), "dead-letter-disposer");
        system.EventStream.Subscribe(disposer, typeof(AllDeadLetters));
    }
}
