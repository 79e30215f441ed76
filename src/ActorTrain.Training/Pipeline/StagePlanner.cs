using ActorTrain.Training.Model;
using ActorTrain.Training.Options;
using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// Chooses the stage boundaries for a model: by explicit balance, by parameter count, or by profiled time; "auto"
/// profiles for the pipeline without flush (whose throughput is set by its slowest stage, with no bubble to hide
/// imbalance) and counts parameters otherwise.
/// </summary>
internal static class StagePlanner
{
    public const string Auto = "auto";
    public const string Balance = "balance";
    public const string Parameters = "parameters";
    public const string Profiled = "profiled";

    /// <summary>Costs per block without measuring: parameters and the bytes a cut after the block would send per mini-batch.</summary>
    public static IReadOnlyList<LayerCost> StaticCosts(ModelSpec spec, int batchSize) =>
        spec.Blocks.Select(b => new LayerCost(b.Describe(), b.Parameters, 0, 0, (long)batchSize * b.OutputFeatures * sizeof(float))).ToList();

    public static Partition Plan(ModelSpec spec, PipelineOptions pipeline, int batchSize, bool withoutFlush = false)
    {
        CheckStageCount(spec, pipeline);
        return Method(pipeline, withoutFlush) switch
        {
            Balance => Partitioner.ByBalance(StaticCosts(spec, batchSize), pipeline.Stages,
                pipeline.Balance is { Count: > 0 } b
                    ? b
                    : throw new ArgumentException("actortrain.pipeline.partition = balance needs actortrain.pipeline.balance, e.g. [3, 3]")),
            Parameters => Partitioner.ByParameters(StaticCosts(spec, batchSize), pipeline.Stages),
            // In one process a boundary hands over a reference, so transfers cost nothing here.
            Profiled => Partitioner.ByProfile(BlockProfiler.Measure(spec, batchSize, pipeline.MicroBatches), pipeline.Stages, LinkCost.Ignored),
            _ => throw new ArgumentException($"actortrain.pipeline.partition = {pipeline.Partition}: expected auto, balance, parameters or profiled"),
        };
    }

    /// <summary>Throws what <see cref="Plan"/> would for a pipeline that cannot be cut, without measuring: a profiled
    /// partition is only checked for its stage count.</summary>
    public static void Check(ModelSpec spec, PipelineOptions pipeline, int batchSize, bool withoutFlush)
    {
        if (Method(pipeline, withoutFlush) == Profiled) CheckStageCount(spec, pipeline);
        else Plan(spec, pipeline, batchSize, withoutFlush);
    }

    /// <summary>Whether <see cref="Plan"/> measures block times to cut the model (so two runs may cut it differently).</summary>
    public static bool IsProfiled(PipelineOptions pipeline, bool withoutFlush) => Method(pipeline, withoutFlush) == Profiled;

    private static string Method(PipelineOptions pipeline, bool withoutFlush) =>
        pipeline.Partition == Auto ? (withoutFlush ? Profiled : Parameters) : pipeline.Partition;

    private static void CheckStageCount(ModelSpec spec, PipelineOptions pipeline)
    {
        if (pipeline.Stages > spec.Blocks.Count)
            throw new ArgumentException(
                $"actortrain.pipeline.stages = {pipeline.Stages} but model '{spec.Name}' has only {spec.Blocks.Count} blocks (weight layers) to place");
    }
}
