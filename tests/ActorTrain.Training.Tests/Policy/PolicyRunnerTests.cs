using ActorTrain.Config.Settings;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Policy;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Tests.Runs;

namespace ActorTrain.Training.Tests.Policy;

public sealed class PolicyRunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("actortrain-policy-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_straggler_in_sync_moves_the_next_epochs_to_decoupled_until_accuracy_goes_flat()
    {
        var data = TrainingFixtures.Synthetic(train: 128, test: 32, features: 16);
        var options = TrainingFixtures.Options(data, _root, 2, "1f1b", 2, 0) with { Epochs = 5 };
        var policy = new PolicySettings(true, 0, 0.9, true, FlatEvaluations: 1);
        var clock = TimeProvider.System;
        var accuracies = new Queue<double>([0.70, 0.72, 0.71, 0.80, 0.81]);
        var modes = new List<(TrainingMode Mode, int Epochs, string? Resume)>(); // Epochs here: the step the segment ends at
        var log = new RecordingObserver();

        await PolicyRunner.RunAsync(policy, TrainingMode.Sync, options, stepsPerEpoch: 10, (mode, o, watch) =>
        {
            modes.Add((mode, (int)o.MaxSteps, o.ResumeFrom));
            // Stage 1 computes three times as long as stage 0 in every sync epoch: a straggler.
            var t = clock.GetTimestamp();
            watch.OnSpan(new Span(0, SpanKind.Forward, 0, 0, t, t + clock.TimestampFrequency / 10));
            watch.OnSpan(new Span(1, SpanKind.Forward, 0, 0, t, t + (mode == TrainingMode.Sync ? 3 : 1) * clock.TimestampFrequency / 10));
            return Task.FromResult(new TrainingResult(o.MaxSteps, 100, accuracies.Dequeue(), 1, 1, TimeSpan.FromSeconds(1), $"ckpt-{o.MaxSteps}"));
        }, log, TrainingFixtures.Log, clock);

        Assert.Equal([TrainingMode.Sync, TrainingMode.Decoupled, TrainingMode.Decoupled, TrainingMode.Sync, TrainingMode.Decoupled],
            modes.Select(m => m.Mode));
        Assert.Equal([10, 20, 30, 40, 50], modes.Select(m => m.Epochs));
        Assert.Equal([null, "ckpt-10", "ckpt-20", "ckpt-30", "ckpt-40"], modes.Select(m => m.Resume));
        Assert.Equal(["sync>decoupled", "decoupled>sync", "sync>decoupled"], log.Switches.Select(s => $"{s.From}>{s.To}"));
        Assert.Contains("straggler", log.Switches[0].Reason);
        Assert.Contains("not improved", log.Switches[1].Reason);
    }

    [Fact]
    public async Task With_check_every_steps_the_policy_decides_every_n_steps_within_an_epoch()
    {
        var data = TrainingFixtures.Synthetic(train: 128, test: 32, features: 16);
        var options = TrainingFixtures.Options(data, _root, 2, "1f1b", 2, 0) with { Epochs = 1 };
        var policy = new PolicySettings(true, CheckEverySteps: 4, 0.3, false, 3);
        var ends = new List<long>();
        var recorder = new RecordingObserver();
        var clock = TimeProvider.System;

        await PolicyRunner.RunAsync(policy, TrainingMode.Sync, options, stepsPerEpoch: 10, (mode, o, watch) =>
        {
            ends.Add(o.MaxSteps);
            // Stages wait most of the time in sync: the policy moves to decoupled at the first check.
            var t = clock.GetTimestamp();
            watch.OnSpan(new Span(0, mode == TrainingMode.Sync ? SpanKind.Wait : SpanKind.Forward, 0, 0, t, t + clock.TimestampFrequency * 10));
            return Task.FromResult(new TrainingResult(o.MaxSteps, 10, 0.5, 1, 1, TimeSpan.FromSeconds(1), $"ckpt-{o.MaxSteps}"));
        }, recorder, TrainingFixtures.Log, clock);

        Assert.Equal([4L, 8L, 10L], ends);
        var change = Assert.Single(recorder.Switches);
        Assert.Equal(("sync", "decoupled", 4L), (change.From, change.To, change.Step));
    }
}
