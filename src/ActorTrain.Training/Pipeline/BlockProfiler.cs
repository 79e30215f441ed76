using System.Diagnostics;
using ActorTrain.Torch;
using ActorTrain.Training.Model;
using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// Measures each block's forward and backward time on a micro-batch of random data (after warm-up), for the
/// profiled partitioner. Times are per mini-batch (m micro-batches). The first block is timed without an input
/// gradient, as it runs in a pipeline.
/// </summary>
public static class BlockProfiler
{
    public static IReadOnlyList<LayerCost> Measure(ModelSpec spec, int batchSize, int microBatches, int warmup = 2, int repeats = 5)
    {
        var micro = Math.Max(1, batchSize / Math.Max(1, microBatches));
        var costs = new List<LayerCost>();
        foreach (var block in spec.Blocks)
        {
            using var module = ModelBuilder.Build(block);
            using var input = Tensor.Randn([micro, .. block.InputShape.Select(d => (long)d)]);
            if (block.Index > 0) input.RequiresGrad = true;
            double forwardMs = 0, backwardMs = 0;
            for (var i = 0; i < warmup + repeats; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var output = module.Forward(input);
                var t1 = Stopwatch.GetTimestamp();
                using var grad = Tensor.Ones(output.Shape);
                output.Backward(grad);
                var t2 = Stopwatch.GetTimestamp();
                module.ZeroGrad();
                input.ZeroGrad();
                if (i < warmup) continue;
                forwardMs += Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
                backwardMs += Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
            }
            var scale = (double)microBatches / repeats;
            costs.Add(new LayerCost(block.Describe(), block.Parameters, forwardMs * scale, backwardMs * scale,
                (long)batchSize * block.OutputFeatures * sizeof(float)));
        }
        return costs;
    }
}
