namespace ActorTrain.Training.Options;

/// <summary>The pipeline without flush (mode "async").</summary>
/// <param name="WeightStashing">Whether a micro-batch's backward uses the weights its forward used (PipeDream) rather than the newest.</param>
/// <param name="MaxInFlight">Micro-batches in flight per stage; 0 = p - k at stage k.</param>
/// <param name="StepEachMiniBatch">Step once per mini-batch, after its last micro-batch's backward, on the gradients of all
/// its micro-batches (PipeDream-2BW), instead of after every backward.</param>
public sealed record AsyncOptions(bool WeightStashing = true, int MaxInFlight = 0, bool StepEachMiniBatch = false)
{
    /// <summary>The bound at stage <paramref name="stage"/> of <paramref name="stages"/>.</summary>
    public int InFlightAt(int stage, int stages) => MaxInFlight > 0 ? MaxInFlight : stages - stage;

    /// <summary>
    /// Mini-batches whoever dispatches keeps in flight, at least <paramref name="minimum"/>: stage 0's backward j waits
    /// for forward j+L-1, so the window must reach 1 + ceil((L-1)/m) mini-batches ahead.
    /// </summary>
    public int DispatchWindow(int stages, int microBatches, int minimum) =>
        Math.Max(minimum, 1 + (InFlightAt(0, stages) - 1 + microBatches - 1) / microBatches);
}
