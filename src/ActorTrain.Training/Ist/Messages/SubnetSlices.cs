using ActorTrain.Torch;

namespace ActorTrain.Training.Ist.Messages;

/// <summary>
/// A worker's part of the model, both ways: its slice of every parameter and batch-norm buffer by the full model's
/// name, and, when optimizer state travels, its slice of each state tensor under "name#state" (e.g.
/// "1.0.weight#momentum_buffer") with the optimizer's step count. The holder owns the tensors and disposes them.
/// </summary>
internal sealed record SubnetSlices(IReadOnlyDictionary<string, Tensor> Tensors, long OptimizerSteps) : IDisposable
{
    public const char StateSeparator = '#';

    public long Bytes => Tensors.Values.Sum(t => t.NBytes);

    public static string StateKey(string parameter, string state) => parameter + StateSeparator + state;

    public void Dispose()
    {
        foreach (var t in Tensors.Values) t.Dispose();
    }
}
