namespace ActorTrain.Config.Settings;

/// <summary>Whether a decoupled stage trains on its predecessor's synthetic codes (independent) or real outputs (sequential).</summary>
public enum DecoupledVariant
{
    Independent,
    Sequential,
}
