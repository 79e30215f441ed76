namespace ActorTrain.Config.Settings;

/// <summary>The layer types a custom model may list.</summary>
public enum LayerKind
{
    Linear,
    Relu,
    Gelu,
    Tanh,
    Sigmoid,
    BatchNorm,
    Dropout,
    Conv,
    MaxPool,
    Flatten,
}
