namespace ActorTrain.Config.Settings;

/// <summary>`logging`: the least severe level written, and where logs go.</summary>
public sealed record LoggingSettings(LogLevel Level, bool Console, bool File)
{
    internal static LoggingSettings Read(SettingsReader r) => new(r.Choice<LogLevel>("level"), r.Bool("console"), r.Bool("file"));
}
