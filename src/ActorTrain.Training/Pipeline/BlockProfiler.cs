using System.Diagnostics;
using ActorTrain.Torch;
using ActorTrain.Torch.NN;
using ActorTrain.Training.Model;
using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// Measures each block's forward and backward time on a micro-batch of random data, for the profiled partitioner.
/// Times are per mini-batch (m micro-batches). The first block is timed without an input gradient, as it runs in a
/// pipeline. Every round times every block once and each block keeps its median round, so a burst of load from
/// elsewhere on a shared machine skews one round of all blocks rather than all rounds of one block.
/// </summary>
internal static class BlockProfiler
{
    public static IReadOnlyList<LayerCost> Measure(ModelSpec spec, int batchSize, int microBatches, int warmup = 2, int repeats = 7)
    {
        var micro = Math.Max(1, batchSize / Math.Max(1, microBatches));
        var modules = spec.Blocks.Select(b => ModelBuilder.Build(b)).ToList();
        var inputs = spec.Blocks.Select(b => Tensor.Randn([micro, .. b.InputShape.Select(d => (long)d)])).ToList();
        try
        {
            for (var k = 1; k < inputs.Count; k++) inputs[k].RequiresGrad = true;
            var forward = spec.Blocks.Select(_ => new List<double>()).ToList();
            var backward = spec.Blocks.Select(_ => new List<double>()).ToList();
            for (var round = 0; round < warmup + repeats; round++)
            {
                for (var k = 0; k < modules.Count; k++)
                {
                    var (f, b) = Time(modules[k], inputs[k]);
                    if (round < warmup) continue;
                    forward[k].Add(f);
                    backward[k].Add(b);
                }
            }
            return spec.Blocks.Select((block, k) => new LayerCost(block.Describe(), block.Parameters,
                Median(forward[k]) * microBatches, Median(backward[k]) * microBatches,
                (long)batchSize * block.OutputFeatures * sizeof(float))).ToList();
        }
        finally
        {
            foreach (var m in modules) m.Dispose();
            foreach (var t in inputs) t.Dispose();
        }
    }

    private static (double ForwardMs, double BackwardMs) Time(Sequential module, Tensor input)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var output = module.Forward(input);
        var t1 = Stopwatch.GetTimestamp();
        using var grad = Tensor.Ones(output.Shape);
        output.Backward(grad);
        var t2 = Stopwatch.GetTimestamp();
        module.ZeroGrad();
        input.ZeroGrad();
        return (Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds, Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
