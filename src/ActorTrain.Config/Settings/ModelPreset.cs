namespace ActorTrain.Config.Settings;

/// <summary>A reference workload, or `custom` for the layers listed in model.layers.</summary>
public enum ModelPreset
{
    Mlp6,
    [ConfigName("ist-mlp")]
    IstMlp,
    [ConfigName("cnn-small")]
    CnnSmall,
    Custom,
}
