namespace ActorTrain.Training.Observability;

/// <summary>
/// IST's traffic as a share of the model's weights that one worker receives per round: <see cref="Measured"/> from the
/// run's actual cut, next to the range the algorithm predicts, 1/n^2 (every weight in hidden-to-hidden matrices) to 1/n
/// (every weight in the first and output layers).
/// </summary>
public sealed record SubnetShare(double Measured, double PredictedLow, double PredictedHigh);
