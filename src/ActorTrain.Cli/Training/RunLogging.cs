using ActorTrain.Config.Settings;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Filters;
using Serilog.Formatting.Json;
using Serilog.Sinks.SystemConsole.Themes;

namespace ActorTrain.Cli.Training;

/// <summary>
/// Serilog for a training run: JSON lines in the run directory (debug and above: every stage action with its stage,
/// step and micro-batch as properties) and the console at the configured level. While the progress bar is live the console sink is raised
/// to warnings through <see cref="ConsoleLevel"/> so log lines do not tear the bar. Colours only on a terminal without NO_COLOR.
/// Akka's events come through the same logger (Akka.Logger.Serilog), with their actor path as a property.
/// </summary>
internal sealed class RunLogging : IDisposable
{
    public const string LogFileName = "train.log.jsonl";

    private readonly Logger _logger;

    public RunLogging(LoggingSettings settings, string runDirectory)
    {
        var level = settings.Level switch
        {
            Config.Settings.LogLevel.Verbose => LogEventLevel.Verbose,
            Config.Settings.LogLevel.Debug => LogEventLevel.Debug,
            Config.Settings.LogLevel.Warning => LogEventLevel.Warning,
            Config.Settings.LogLevel.Error => LogEventLevel.Error,
            _ => LogEventLevel.Information,
        };
        ConsoleLevel = new LoggingLevelSwitch(level);
        var config = new LoggerConfiguration().MinimumLevel.Is(level < LogEventLevel.Debug ? level : LogEventLevel.Debug).Enrich.FromLogContext();
        if (settings.Console)
            // Failures (events with an exception) go to the log file only: the command ends with one line naming the
            // cause and the file. Akka's own events reach the console only from warnings up (its start and shutdown
            // chatter stays in the file).
            config = config.WriteTo.Logger(console => console
                .Filter.ByExcluding(e => e.Exception is not null || (e.Level < LogEventLevel.Warning && Matching.FromSource("Akka")(e)))
                .WriteTo.Console(levelSwitch: ConsoleLevel, standardErrorFromLevel: LogEventLevel.Verbose,
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}", theme: ScriptConsole.NoColor ? ConsoleTheme.None : null));
        if (settings.File)
            config = config.WriteTo.File(new JsonFormatter(renderMessage: true), Path.Combine(runDirectory, LogFileName), buffered: true);
        _logger = config.CreateLogger();
    }

    public ILogger Logger => _logger;

    public LoggingLevelSwitch ConsoleLevel { get; }

    public void Dispose() => _logger.Dispose();
}
