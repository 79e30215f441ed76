using ActorTrain.Config.Hocon;

namespace ActorTrain.Config.Settings;

/// <summary>`model`: a reference workload, or the explicit layer list of a custom model.</summary>
public sealed record ModelSettings(ModelPreset Preset, IReadOnlyList<LayerSpec> Layers)
{
    internal static ModelSettings Read(SettingsReader r)
    {
        var preset = r.Choice<ModelPreset>("preset");
        var layers = new List<LayerSpec>();
        var values = r.List("layers", "an array of layer strings");
        for (var i = 0; i < values.Count; i++)
        {
            string? suggestion = null;
            if (values[i] is HoconScalar { Type: HoconValueType.String } s && LayerSpec.TryParse(s.Text, out var spec, out suggestion))
                layers.Add(spec!);
            else r.ReportItem("layers", i, LayerSpec.Grammar, values[i], suggestion);
        }
        if (preset == ModelPreset.Custom && values.Count == 0)
            r.Report("layers", $"at least one layer when {r.PathOf("preset")} = custom", r.Value("layers"));
        if (preset != ModelPreset.Custom && values.Count > 0)
            r.Report("layers", $"an empty array: layers are used only when {r.PathOf("preset")} = custom (it is {EnumNames.Of(preset)})", r.Value("layers"));
        return new ModelSettings(preset, layers);
    }
}
