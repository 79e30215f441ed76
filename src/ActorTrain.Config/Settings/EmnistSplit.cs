namespace ActorTrain.Config.Settings;

/// <summary>The EMNIST split; `letters` labels 1..26 are shifted to 0..25 on load.</summary>
public enum EmnistSplit
{
    Balanced,
    ByClass,
    ByMerge,
    Letters,
    Digits,
    Mnist,
}
