using ActorTrain.Config.Settings;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Decoupled;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.Runs;

/// <summary>
/// What each mode of a run needs of the model, the data and its own settings, checked for every mode a plan names
/// before the first entry starts: a plan whose last entry cannot run fails at once, not after the entries before it
/// have trained for hours. Nothing is built or measured here (a profiled partition is checked for its stage count only).
/// </summary>
public static class ModeRequirements
{
    /// <summary>One line per mode that cannot run, starting with the mode's name; empty when every mode can.</summary>
    public static IReadOnlyList<string> Problems(ActorTrainSettings settings, TrainingOptions options, int trainSamples)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        foreach (var mode in settings.EffectivePlan.Select(e => e.Mode).Distinct())
        {
            try
            {
                Check(mode, settings, options, trainSamples);
            }
            catch (ArgumentException e)
            {
                // The message already names the key; the parameter name .NET appends would only name a C# argument.
                var message = e.ParamName is { } p ? e.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal) : e.Message;
                problems.Add($"{EnumNames.Of(mode)}: {message}");
            }
        }
        return problems;
    }

    private static void Check(TrainingMode mode, ActorTrainSettings settings, TrainingOptions options, int trainSamples)
    {
        switch (mode)
        {
            case TrainingMode.Ist:
                IstModel.Validate(options.Model, settings.Ist.Workers);
                IstRun.CheckShards(trainSamples, settings.Ist.Workers, options.BatchSize);
                break;
            case TrainingMode.Dp:
                DataParallelRun.CheckBatches(trainSamples, settings.Dp.Replicas, options.BatchSize);
                break;
            case TrainingMode.Decoupled:
                SyntheticLabelTable.CheckScale(settings.Decoupled);
                StagePlanner.Check(options.Model, options.Pipeline, options.BatchSize, withoutFlush: false);
                break;
            default:
                StagePlanner.Check(options.Model, options.Pipeline, options.BatchSize, withoutFlush: mode == TrainingMode.Async);
                break;
        }
    }
}
