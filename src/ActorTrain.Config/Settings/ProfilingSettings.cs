namespace ActorTrain.Config.Settings;

/// <summary>`profiling`: whether to record spans, and where the trace, summary and report go ("" = inside the run's output directory).</summary>
public sealed record ProfilingSettings(bool Enabled, string Dir)
{
    internal static ProfilingSettings Read(SettingsReader r) => new(r.Bool("enabled"), r.String("dir"));
}
