using System.Text.RegularExpressions;

namespace ActorTrain.Config.Settings;

/// <summary>`pipeline`: how many stages, how layers are split across them, micro-batching, schedule and devices.</summary>
/// <param name="Balance">Layers per stage, used when <see cref="Partition"/> is <see cref="PartitionMethod.Balance"/>.</param>
/// <param name="Devices">"cpu" or "cuda:N"; one per stage, or one for all (see <see cref="DeviceOf"/>).</param>
/// <param name="RecutOnResume">Whether a resumed run cuts the whole model as configured instead of keeping the checkpoint's cut.</param>
public sealed partial record PipelineSettings(
    int Stages, PartitionMethod Partition, IReadOnlyList<int> Balance, int MicroBatches, PipelineSchedule Schedule,
    IReadOnlyList<string> Devices, int ThreadsPerStage, bool RecutOnResume)
{
    /// <summary>The device stage <paramref name="stage"/> runs on.</summary>
    public string DeviceOf(int stage) => Devices.Count == 1 ? Devices[0] : Devices[stage];

    internal static PipelineSettings Read(SettingsReader r)
    {
        var settings = new PipelineSettings(
            r.Int("stages", min: 1),
            r.Choice<PartitionMethod>("partition"),
            r.IntList("balance", min: 1),
            r.Int("micro-batches", min: 1),
            r.Choice<PipelineSchedule>("schedule"),
            r.StringList("devices", "a device: \"cpu\" or \"cuda:N\"", d => DevicePattern().IsMatch(d)),
            r.Int("threads-per-stage", min: 1),
            r.Bool("recut-on-resume"));
        var stages = settings.Stages;
        if (settings.Partition == PartitionMethod.Balance && settings.Balance.Count != stages && r.Value("balance") is { } balance)
            r.Report("balance", $"one layer count per stage ({stages}) when {r.PathOf("partition")} = balance", balance);
        if (settings.Devices.Count != 1 && settings.Devices.Count != stages && r.Value("devices") is { } devices)
            r.Report("devices", $"one device for all stages, or one per stage ({stages})", devices);
        return settings;
    }

    [GeneratedRegex("^(cpu|cuda:[0-9]+)$")]
    private static partial Regex DevicePattern();
}
