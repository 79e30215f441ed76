namespace ActorTrain.Torch.Optim;

/// <summary>
/// How an optimizer step writes a parameter. It matters only while autograd graphs that saved the parameter are
/// still waiting for their backward pass, as in a pipeline without flush (the async mode).
/// </summary>
public enum ParameterUpdate
{
    /// <summary>In place and tracked, as torch.optim: a pending graph that saved the parameter fails its backward.</summary>
    InPlace = 0,

    /// <summary>
    /// In place but invisible to autograd's version counter (as the old <c>p.data.add_</c>): pending graphs read the
    /// new values, so their gradients are stale (PipeDream without weight stashing).
    /// </summary>
    InPlaceUntracked = 1,

    /// <summary>
    /// Into fresh storage that replaces the parameter's data: storage a pending graph saved keeps the values its
    /// forward used, the basis of weight stashing. Costs one allocation per parameter per step.
    /// </summary>
    FreshStorage = 2,
}
