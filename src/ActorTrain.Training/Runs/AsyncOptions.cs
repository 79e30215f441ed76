namespace ActorTrain.Training.Runs;

/// <summary>The pipeline without flush (mode "async").</summary>
/// <param name="WeightStashing">Whether a micro-batch's backward uses the weights its forward used (PipeDream) rather than the newest.</param>
/// <param name="MaxInFlight">Micro-batches in flight per stage; 0 = p - k at stage k.</param>
public sealed record AsyncOptions(bool WeightStashing = true, int MaxInFlight = 0)
{
    /// <summary>The bound at stage <paramref name="stage"/> of <paramref name="stages"/>.</summary>
    public int InFlightAt(int stage, int stages) => MaxInFlight > 0 ? MaxInFlight : stages - stage;
}
