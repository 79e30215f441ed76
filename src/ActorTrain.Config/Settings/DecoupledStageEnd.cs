namespace ActorTrain.Config.Settings;

/// <summary>How a decoupled stage that learns codes ends.</summary>
public enum DecoupledStageEnd
{
    /// <summary>In its last weight layer (a sigmoid for uniform codes): any code is reachable, but the stages that
    /// follow learnt on values the whole model never hands them (its activation comes after that layer).</summary>
    Linear,

    /// <summary>As its layers end in the whole model (ReLU in mlp6): only non-negative codes are reachable, and a
    /// later end-to-end mode starts from exactly the function the decoupled stages chain into.</summary>
    Model,
}
