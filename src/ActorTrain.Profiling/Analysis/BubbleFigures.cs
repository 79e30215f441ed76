namespace ActorTrain.Profiling.Analysis;

/// <summary>The pipeline bubble as measured (see <see cref="BubbleMeter"/>) next to the schedule's theory.</summary>
/// <param name="Measured">Null when no training step had compute spans to measure.</param>
/// <param name="Theoretical">(p-1)/(m+p-1) as the run reported it; null if no run info was reported for the mode.</param>
/// <param name="StepsMeasured">How many steps the measurement covers (the first, warm-up step is left out).</param>
internal sealed record BubbleFigures(double? Measured, double? Theoretical, int StepsMeasured);
