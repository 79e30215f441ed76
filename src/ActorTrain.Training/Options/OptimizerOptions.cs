namespace ActorTrain.Training.Options;

/// <summary>Which optimizer each stage builds over its own parameters, and its hyper-parameters.</summary>
public sealed record OptimizerOptions(
    string Type = "sgd",
    double LearningRate = 0.05,
    double Momentum = 0.9,
    bool Nesterov = false,
    double WeightDecay = 0,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Eps = 1e-8);
