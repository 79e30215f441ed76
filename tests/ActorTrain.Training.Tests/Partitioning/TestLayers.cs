using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Tests.Partitioning;

/// <summary>Made-up layer costs for partitioner tests.</summary>
internal static class TestLayers
{
    /// <summary>Layers "l0", "l1", ... that cost the given milliseconds each (all forward) and send nothing.</summary>
    public static LayerCost[] Timed(params double[] computeMs) =>
        computeMs.Select((ms, index) => new LayerCost($"l{index}", 0, ms, 0, 0)).ToArray();

    /// <summary>
    /// mlp6 (784-1024-1024-1024-1024-1024-10, ReLU) as its 11 layers, with real parameter counts and
    /// the activation bytes of a 128-sample mini-batch in fp32.
    /// </summary>
    public static LayerCost[] Mlp6()
    {
        const long hiddenBytes = 128L * 1024 * 4;
        var layers = new List<LayerCost> { new("linear", 784 * 1024 + 1024, 0, 0, hiddenBytes) };
        for (var hidden = 0; hidden < 4; hidden++)
        {
            layers.Add(new LayerCost("relu", 0, 0, 0, hiddenBytes));
            layers.Add(new LayerCost("linear", 1024 * 1024 + 1024, 0, 0, hiddenBytes));
        }

        layers.Add(new LayerCost("relu", 0, 0, 0, hiddenBytes));
        layers.Add(new LayerCost("linear", 1024 * 10 + 10, 0, 0, 128L * 10 * 4));
        return layers.ToArray();
    }

    /// <summary>
    /// Four 1 ms layers whose second one sends 5000 bytes while the others send 100: balanced
    /// without transfers ([2, 2]), but at 1000 bytes/ms a cut after l1 costs 5 ms more.
    /// </summary>
    public static LayerCost[] WideSecondBoundary() =>
    [
        new("l0", 0, 1, 0, 100),
        new("l1", 0, 1, 0, 5000),
        new("l2", 0, 1, 0, 100),
        new("l3", 0, 1, 0, 0),
    ];
}
