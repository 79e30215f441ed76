using ActorTrain.Data;
using ActorTrain.Data.Datasets;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// The data benches run on: Fashion-MNIST where installed, otherwise synthetic data of the same shape (said in the
/// report). Sample counts of 0 mean the whole split (60,000 and 10,000 synthetic samples).
/// </summary>
internal static class BenchData
{
    public static Dataset Load(int trainSamples, int testSamples, BenchReport report, Action<string> progress)
    {
        try
        {
            return DatasetCatalog.Load(new DatasetRequest { TrainLimit = trainSamples, TestLimit = testSamples });
        }
        catch (DatasetException e)
        {
            progress($"Fashion-MNIST unavailable ({e.Message}); using synthetic data of the same shape");
            report.Notes.Add($"Fashion-MNIST not available ({e.Message}): measured on synthetic data of the same shape");
            return DatasetCatalog.Load(new DatasetRequest
            {
                Name = DatasetCatalog.Synthetic, SyntheticTrainCount = trainSamples > 0 ? trainSamples : 60_000, SyntheticTestCount = testSamples > 0 ? testSamples : 10_000,
            });
        }
    }
}
