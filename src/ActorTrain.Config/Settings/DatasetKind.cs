namespace ActorTrain.Config.Settings;

/// <summary>Which data a run trains on.</summary>
public enum DatasetKind
{
    [ConfigName("fashion-mnist")]
    FashionMnist,
    Mnist,
    Emnist,
    Synthetic,
}
