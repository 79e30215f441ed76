using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using ActorTrain.Torch;
using ActorTrain.Training.Ist.Messages;
using ActorTrain.Training.Options;

namespace ActorTrain.Training.Ist;

/// <summary>
/// The server's full-size optimizer state as IST keeps it, one tensor per parameter and state name under the slices'
/// keys ("1.0.weight#momentum_buffer") plus one step count, converted to and from an optimizer over the whole model:
/// that is how a checkpoint holds it, so a pipeline mode resuming an IST checkpoint finds the state where it looks.
/// </summary>
internal static class ServerOptimizerState
{
    private const string StepState = "step";

    /// <summary>A new optimizer over <paramref name="model"/>'s parameters holding copies of <paramref name="state"/>; the caller disposes it.</summary>
    public static Optimizer ToOptimizer(Sequential model, OptimizerOptions options, IReadOnlyDictionary<string, Tensor> state, long steps)
    {
        var names = model.NamedParameters().Select(p => p.Key).ToList();
        var optimizer = OptimizerFactory.Create(model.Parameters(), options);
        try
        {
            var index = names.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
            foreach (var (key, value) in state)
            {
                var separator = key.IndexOf(SubnetSlices.StateSeparator);
                optimizer.SetState(index[key[..separator]], key[(separator + 1)..], value);
            }
            for (var i = 0; i < names.Count; i++) optimizer.SetStepCount(i, steps);
            return optimizer;
        }
        catch
        {
            optimizer.Dispose();
            throw;
        }
    }

    /// <summary>Copies of <paramref name="optimizer"/>'s state under the slices' keys (the caller owns them), and its step count.</summary>
    public static (Dictionary<string, Tensor> State, long Steps) FromOptimizer(Sequential model, Optimizer optimizer)
    {
        var state = new Dictionary<string, Tensor>();
        using var _ = Torch.Torch.NoGrad();
        foreach (var (name, i) in model.NamedParameters().Select((p, i) => (p.Key, i)))
            foreach (var (key, value) in optimizer.GetState(i))
                if (key != StepState)
                    state[SubnetSlices.StateKey(name, key)] = value.Clone();
        return (state, optimizer.Parameters.Count == 0 ? 0 : optimizer.StepCount(0));
    }
}
