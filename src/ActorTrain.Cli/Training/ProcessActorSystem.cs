using ActorTrain.Training.Hosting;
using ActorTrain.Training.Runs;
using Akka.Actor;

namespace ActorTrain.Cli.Training;

/// <summary>
/// The one actor system of an <c>actortrain</c> process: started by the first command that needs it with the
/// configuration's <c>akka</c> section, its log events going to Serilog's global logger (the run's log: console and
/// <c>train.log.jsonl</c>), and terminated when the last command using it returns (tests run commands side by side in
/// one process; they share it).
/// </summary>
internal static class ProcessActorSystem
{
    /// <summary>Akka's events through Akka.Logger.Serilog; a user's <c>akka</c> section still sets the level (<c>loglevel</c>).</summary>
    private const string SerilogLogging = """
        akka {
          loggers = ["Akka.Logger.Serilog.SerilogLogger, Akka.Logger.Serilog"]
          logger-formatter = "Akka.Logger.Serilog.SerilogLogMessageFormatter, Akka.Logger.Serilog"
        }
        """;

    private static readonly Lock s_gate = new();
    private static ActorSystem? s_system;
    private static int s_users;

    /// <summary>The process's system, started if needed; <paramref name="akkaHocon"/> is the configuration file's resolved <c>akka</c> section.</summary>
    public static ActorSystem Start(string akkaHocon)
    {
        lock (s_gate)
        {
            s_users++;
            // The user's section wins over the Serilog wiring, which wins over ActorTrain's and Akka's defaults.
            return s_system ??= TrainingActorSystem.Create("actortrain", akkaHocon, SerilogLogging);
        }
    }

    /// <summary>The running system, or one started with defaults for the rest of the process (benches).</summary>
    public static ActorSystem Current
    {
        get
        {
            lock (s_gate) return s_system ?? Start("");
        }
    }

    /// <summary>Lets go of the system <see cref="Start"/> handed out; the last user terminates it.</summary>
    public static void Release()
    {
        ActorSystem? ending;
        lock (s_gate)
        {
            if (s_system is null || --s_users > 0) return;
            (ending, s_system) = (s_system, null);
        }
        ending.Terminate().Wait(TimeSpan.FromSeconds(30));
    }
}
