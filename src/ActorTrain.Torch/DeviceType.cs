namespace ActorTrain.Torch;

/// <summary>Kinds of device. The values are c10::DeviceType codes.</summary>
public enum DeviceType
{
    Cpu = 0,
    Cuda = 1,
}
