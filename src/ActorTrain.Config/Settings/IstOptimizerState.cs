namespace ActorTrain.Config.Settings;

/// <summary>What happens to a subnet slice's optimizer state between rounds: reset, or sent along with the slice.</summary>
public enum IstOptimizerState
{
    Reset,
    Travel,
}
