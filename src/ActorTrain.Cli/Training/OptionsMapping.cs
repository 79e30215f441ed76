using ActorTrain.Cli.Commands;
using ActorTrain.Config.Settings;
using ActorTrain.Data;
using ActorTrain.Data.Datasets;
using ActorTrain.Torch;
using ActorTrain.Training.Model;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;

namespace ActorTrain.Cli.Training;

/// <summary>Turns validated settings into the plain options the training and data layers take.</summary>
internal static class OptionsMapping
{
    public static DatasetRequest Dataset(DataSettings d) => new()
    {
        Name = EnumNames.Of(d.Dataset),
        Path = d.Path.Length > 0 ? d.Path : null,
        EmnistSplit = EnumNames.Of(d.EmnistSplit),
        TrainLimit = d.TrainLimit,
        TestLimit = d.TestLimit,
        SyntheticTrainCount = d.Synthetic.TrainSize,
        SyntheticTestCount = d.Synthetic.TestSize,
        SyntheticClasses = d.Synthetic.Classes,
        SyntheticSeed = d.Synthetic.Seed,
    };

    /// <summary>The configured data set, loaded; a problem with it is bad input (exit 2), reported as "data: ...".</summary>
    public static Dataset LoadDataset(DataSettings d)
    {
        try
        {
            return DatasetCatalog.Load(Dataset(d));
        }
        catch (Exception e) when (e is DataFormatException or DatasetException or IOException)
        {
            throw new UsageException($"data: {e.Message}");
        }
    }

    /// <summary>As <see cref="Training"/>, with a model the settings cannot build reported as bad input (exit 2).</summary>
    public static TrainingOptions TrainingOrRefuse(ActorTrainSettings s, Dataset data, string? resumeFrom)
    {
        try
        {
            return Training(s, data, runDirectory: null, resumeFrom);
        }
        catch (ModelSpecException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static TrainingOptions Training(ActorTrainSettings s, Dataset data, string? runDirectory, string? resumeFrom)
    {
        var p = s.Pipeline;
        return new TrainingOptions
        {
            Model = ModelPresets.Build(s.Model, data.Rows, data.Columns, data.ClassCount),
            Pipeline = new PipelineOptions(p.Stages, EnumNames.Of(p.Partition), p.Balance, p.MicroBatches, EnumNames.Of(p.Schedule),
                p.Devices.Select(Device.Parse).ToList(), p.ThreadsPerStage),
            Optimizer = new OptimizerOptions(EnumNames.Of(s.Optimizer.Type), s.Optimizer.Lr, s.Optimizer.Momentum, s.Optimizer.Nesterov,
                s.Optimizer.WeightDecay, s.Optimizer.Beta1, s.Optimizer.Beta2, s.Optimizer.Eps),
            Mode = EnumNames.Of(s.EffectivePlan[0].Mode),
            Async = new AsyncOptions(s.Async.WeightStashing, s.Async.MaxInFlight, s.Async.Update == AsyncUpdate.MiniBatch),
            Epochs = s.EffectivePlan.Sum(e => e.Epochs),
            Recovery = new RecoveryOptions(s.Recovery.SnapshotEvery, s.Recovery.MaxRestarts, s.Recovery.WatchdogFloor, s.Recovery.WatchdogMultiple,
                s.Recovery.OnCheckpointFailure == CheckpointFailurePolicy.Stop),
            Seed = s.Run.Seed,
            BatchSize = s.Data.BatchSize,
            Shuffle = s.Data.Shuffle,
            EvaluateEachEpoch = s.Run.EvalEveryEpoch,
            RunDirectory = runDirectory,
            CheckpointEvery = s.Run.CheckpointEvery,
            KeepCheckpoints = s.Run.KeepCheckpoints,
            ResumeFrom = resumeFrom,
            ResumeOptimizerState = s.EffectivePlan[0].OptimizerState == OptimizerStatePolicy.Keep,
            RecutOnResume = p.RecutOnResume,
            Dataset = data.Name,
            TrainSamples = data.Train.Count,
        };
    }
}
