using ActorTrain.TestKit;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Runs;

namespace ActorTrain.Training.Tests.Runs;

public sealed class SyncPipelineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("actortrain-sync-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<Dictionary<string, float[]>> Train(string name, int stages, string schedule, int microBatches, long steps = 20)
    {
        var data = TrainingFixtures.Synthetic();
        var dir = Path.Combine(_root, name);
        await TrainingRun.RunAsync(TrainingFixtures.Options(data, dir, stages, schedule, microBatches, steps), data,
            NullTrainingObserver.Instance, TrainingFixtures.Log);
        return TrainingFixtures.FinalWeights(dir);
    }

    [TorchFact]
    public async Task Sync_pipeline_matches_single_stage_training()
    {
        var single = await Train("single", 1, "gpipe", 1);
        var gpipe = await Train("gpipe", 2, "gpipe", 4);
        var oneFOneB = await Train("1f1b", 3, "1f1b", 4);

        Assert.Equal(single.Keys.Order(), gpipe.Keys.Order());
        Assert.Equal(single.Keys.Order(), oneFOneB.Keys.Order());
        foreach (var (name, expected) in single)
        {
            AssertClose(expected, gpipe[name], name + " (2 stages, gpipe)");
            AssertClose(expected, oneFOneB[name], name + " (3 stages, 1f1b)");
        }
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= 1e-5, $"{what}: largest difference {worst:E2} exceeds 1e-5");
    }
}
