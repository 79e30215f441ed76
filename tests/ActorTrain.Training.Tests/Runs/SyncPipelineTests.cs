using ActorTrain.TestKit;
using ActorTrain.Training.Observability;
using ActorTrain.Training.PipelineParallel;
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

    [TorchFact]
    public async Task A_stage_that_throws_fails_the_run_with_its_exception_and_stops_every_stage()
    {
        var data = TrainingFixtures.Synthetic();
        var options = TrainingFixtures.Options(data, Path.Combine(_root, "fail"), 2, "1f1b", 4, 20);

        var run = TrainingRun.RunAsync(options, data, new FailingObserver(stage: 1, step: 3), TrainingFixtures.Log);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("injected failure in stage 1 at step 3", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_root, "fail", "checkpoints")));
    }

    [TorchFact]
    public async Task Checkpoint_then_resume_reproduces_an_uninterrupted_run_bit_for_bit()
    {
        var data = TrainingFixtures.Synthetic();
        var whole = Path.Combine(_root, "whole");
        var first = Path.Combine(_root, "first");
        var second = Path.Combine(_root, "second");
        // 20 batches per epoch: the interruption at step 15 is mid-epoch and the run crosses an epoch boundary.
        await TrainingRun.RunAsync(TrainingFixtures.Options(data, whole, 2, "1f1b", 4, 30), data, NullTrainingObserver.Instance, TrainingFixtures.Log);
        await TrainingRun.RunAsync(TrainingFixtures.Options(data, first, 2, "1f1b", 4, 15), data, NullTrainingObserver.Instance, TrainingFixtures.Log);
        await TrainingRun.RunAsync(TrainingFixtures.Options(data, second, 2, "1f1b", 4, 30) with { ResumeFrom = first }, data,
            NullTrainingObserver.Instance, TrainingFixtures.Log);

        var expected = TrainingFixtures.FinalWeights(whole);
        var resumed = TrainingFixtures.FinalWeights(second);
        Assert.Equal(expected.Keys.Order(), resumed.Keys.Order());
        foreach (var (name, values) in expected)
            Assert.True(values.AsSpan().SequenceEqual(resumed[name]), $"{name} differs after resuming");
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= 1e-5, $"{what}: largest difference {worst:E2} exceeds 1e-5");
    }
}
