using ActorTrain.Config.Hocon;
using ActorTrain.Config.Hocon.Rendering;

namespace ActorTrain.Config.Settings;

/// <summary>
/// Turns a resolved configuration into <see cref="ActorTrainSettings"/>, checking every key under `actortrain` against
/// reference.conf and every value against its type and range. All problems are collected and thrown together.
/// </summary>
public static class SettingsBinder
{
    /// <exception cref="ConfigValidationException">Every problem found, in the order of reference.conf.</exception>
    public static ActorTrainSettings Bind(HoconConfig config)
    {
        var errors = new List<ConfigError>();
        UnknownKeys.Find(config.Root, ConfigLoader.ReferenceRoot, errors);
        var root = new SettingsReader(config.Root, errors).Section(ConfigNamespace.ActorTrain);
        var (dataSection, pipelineSection) = (root.Section("data"), root.Section("pipeline"));
        var settings = new ActorTrainSettings(
            RunSettings.Read(root.Section("run")),
            ModelSettings.Read(root.Section("model")),
            DataSettings.Read(dataSection),
            PipelineSettings.Read(pipelineSection),
            OptimizerSettings.Read(root.Section("optimizer")),
            ModePlanEntry.ReadPlan(root),
            PolicySettings.Read(root.Section("policy")),
            DecoupledSettings.Read(root.Section("decoupled")),
            AsyncSettings.Read(root.Section("async")),
            IstSettings.Read(root.Section("ist")),
            DpSettings.Read(root.Section("dp")),
            ProfilingSettings.Read(root.Section("profiling")),
            LinkSettings.Read(root.Section("links")),
            FaultSettings.Read(root.Section("faults")),
            RecoverySettings.Read(root.Section("recovery")),
            LoggingSettings.Read(root.Section("logging")),
            ClusterSettings.Read(root.Section("cluster")))
        {
            AkkaHocon = RenderAkka(config.Root),
        };

        // A micro-batch must hold at least one sample.
        var (microBatches, batchSize) = (settings.Pipeline.MicroBatches, settings.Data.BatchSize);
        if (batchSize >= 1 && microBatches > batchSize && pipelineSection.Value("micro-batches") is { } m)
            pipelineSection.Report("micro-batches", $"an integer between 1 and {dataSection.PathOf("batch-size")} ({batchSize})", m);

        if (errors.Count > 0) throw new ConfigValidationException(errors);
        return settings;
    }

    /// <summary>The resolved `akka` section alone, wrapper included, so Akka parses it as a whole configuration.</summary>
    private static string RenderAkka(HoconObject root) =>
        root.TryGetValue(ConfigNamespace.Akka, out var akka)
            ? HoconRenderer.Render(new HoconObject([new(ConfigNamespace.Akka, akka)], root.Origin), withOrigins: false)
            : "";
}
