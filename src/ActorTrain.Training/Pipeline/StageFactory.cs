using ActorTrain.Torch.NN;
using ActorTrain.Training.Model;
using ActorTrain.Training.Options;
using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Pipeline;

/// <summary>Builds the whole model under the run's seed, then hands each stage its contiguous blocks and an optimizer over them.</summary>
internal static class StageFactory
{
    public static IReadOnlyList<PipelineStage> Create(ModelSpec spec, IReadOnlyList<int> balance, TrainingOptions options)
    {
        var blocks = ModelBuilder.BuildBlocks(spec, options.Seed);
        var stages = new List<PipelineStage>();
        var first = 0;
        for (var k = 0; k < balance.Count; k++)
        {
            var mine = blocks.Skip(first).Take(balance[k]).ToList();
            var device = options.Pipeline.DeviceOf(k);
            if (device != Torch.Device.Cpu)
                foreach (var b in mine) b.To(device);
            var optimizer = OptimizerFactory.Create(mine.SelectMany(b => b.Parameters()), options.Optimizer);
            var inputShape = spec.Blocks[first].InputShape.Select(d => (long)d).ToArray();
            stages.Add(new PipelineStage(k, balance.Count, mine, first, optimizer, device, inputShape, Math.Max(1, options.Pipeline.ThreadsPerStage))
            {
                DropoutSeed = options.Seed,
            });
            first += balance[k];
        }
        return stages;
    }
}
