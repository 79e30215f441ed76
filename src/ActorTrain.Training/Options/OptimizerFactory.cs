using ActorTrain.Torch;
using ActorTrain.Torch.Optim;

namespace ActorTrain.Training.Options;

/// <summary>Creates the configured optimizer over a set of parameters.</summary>
internal static class OptimizerFactory
{
    public static Optimizer Create(IEnumerable<Tensor> parameters, OptimizerOptions o) => o.Type switch
    {
        "sgd" => new SGD(parameters, o.LearningRate, o.Momentum, o.WeightDecay, o.Nesterov),
        "adam" => new Adam(parameters, o.LearningRate, (o.Beta1, o.Beta2), o.Eps, o.WeightDecay),
        _ => throw new ArgumentException($"actortrain.optimizer.type = {o.Type}: expected sgd or adam"),
    };
}
