using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.PipelineParallel;

namespace ActorTrain.Faults.Tests;

/// <summary>
/// One stage fault per run of the two-stage pipeline, sync or async (8 steps, a snapshot in memory every 2): the
/// supervisor detects it (supervision, watchdog, finite check), rolls every stage back to the last complete snapshot
/// and replays, and the run ends with weights and optimizer state bit-identical to the run without faults; a fault that
/// comes back on every replay stops the run after the restart budget, naming stage and step.
/// </summary>
public sealed class StageFaultTests : IDisposable
{
    private static readonly RecoveryOptions Recovery = new(SnapshotEvery: 2, MaxRestarts: 2, WatchdogFloor: TimeSpan.FromMilliseconds(600));
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    /// <summary>
    /// In both pipelines. The one without flush (async) drains before each snapshot step, so the copies are one cut of
    /// the pipeline; the rollback restarts every stage's stream there, and the replay gives the weights of the
    /// fault-free run with the same snapshot-every (whose drains fall on the same steps).
    /// </summary>
    [TorchTheory]
    [MemberData(nameof(StageFaultsInBothPipelines))]
    public async Task A_stage_fault_rolls_back_to_the_last_snapshot_and_the_weights_equal_the_fault_free_run(string entry, string detected, string mode)
    {
        await Run("baseline", "[]", mode: mode);
        var recorder = await Run("faulted", $"[{entry}]", mode: mode);

        var outcome = Assert.Single(FaultOutcomes.Explain(recorder.Faults, recorder.LinkEvents, recorder.Recoveries, System.Diagnostics.Stopwatch.Frequency));
        Assert.Equal(5, outcome.Fault.Step);
        Assert.StartsWith(detected, outcome.Detected);
        // The snapshot before step 4 is complete once both stages finished step 4; the fault can come before the
        // report of the stage that did not fail, and then the rollback goes to the one before step 2.
        Assert.Matches("^rollback to step (2|4)$", outcome.Recovery);
        Assert.NotNull(outcome.TimeLost);
        Assert.Equal(WeightDigest.Of(_root.File("baseline")), WeightDigest.Of(_root.File("faulted")));
    }

    public static TheoryData<string, string, string> StageFaultsInBothPipelines()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var mode in new[] { "sync", "async" })
        {
            data.Add("""{ kind = crash, stage = 1, step = 5 }""", "actor supervision", mode);
            data.Add("""{ kind = crash, stage = 0, step = 5, micro-batch = 1 }""", "actor supervision", mode);
            data.Add("""{ kind = nan, stage = 0, step = 5 }""", "finite check at stage 1", mode);
            data.Add("""{ kind = nan, stage = 1, step = 5 }""", "finite check at stage 0", mode);
            data.Add("""{ kind = hang, stage = 0, step = 5, duration = 2s }""", "watchdog", mode);
        }
        return data;
    }

    [TorchFact]
    public async Task In_the_pipeline_without_flush_a_crash_loop_stops_the_run_naming_the_stage()
    {
        var failed = await Assert.ThrowsAsync<StageFaultException>(() => Run("faulted", """[{ kind = crash, stage = 1, step = 5, times = 10 }]""", mode: "async"));

        Assert.Equal(1, failed.Stage);
        Assert.Contains("injected crash", failed.Message);
        Assert.Contains("recovery.max-restarts = 2", failed.Message);
    }

    /// <summary>
    /// Dropout masks are drawn per micro-batch from the run seed (not from libtorch's global generator, which the two
    /// stage threads share in no fixed order): the replay after a rollback draws the masks of the first try.
    /// </summary>
    [TorchFact]
    public async Task With_dropout_a_crash_rolls_back_and_replays_the_same_masks_to_the_weights_of_the_fault_free_run()
    {
        await SmallPipeline.RunAsync(_root.File("baseline"), "[]", recovery: Recovery, dropout: true);
        var recorder = await SmallPipeline.RunAsync(_root.File("faulted"), """[{ kind = crash, stage = 1, step = 5 }]""", recovery: Recovery, dropout: true);

        Assert.Equal(RecoveryAction.Rollback, Assert.Single(recorder.Recoveries).Action);
        Assert.Equal(WeightDigest.Of(_root.File("baseline")), WeightDigest.Of(_root.File("faulted")));
    }

    [TorchFact]
    public async Task A_hung_stage_s_late_frames_are_dropped_as_stale_after_the_rollback()
    {
        await Run("baseline", "[]");
        // Stage 1 hangs on its first gradient of step 5 and sends it (and the rest of the step) after the rollback.
        var recorder = await Run("faulted", """[{ kind = hang, stage = 1, step = 5, duration = 2s }]""");

        // Stale: the hung stage's late gradients, and any resend stage 0 made of what the hung stage never acknowledged.
        var stale = recorder.LinkEvents.Where(e => e.Kind == LinkEventKind.StaleGeneration).ToList();
        Assert.Contains(stale, e => (e.From, e.To, e.Step) == (1, 0, 5));
        Assert.All(stale, e => Assert.Equal(1, e.Generation));
        Assert.Equal(RecoveryAction.Rollback, Assert.Single(recorder.Recoveries).Action);
        Assert.Equal(WeightDigest.Of(_root.File("baseline")), WeightDigest.Of(_root.File("faulted")));
    }

    [TorchTheory]
    [InlineData("""{ kind = crash, stage = 1, step = 5, times = 10 }""", "injected crash")]
    [InlineData("""{ kind = nan, stage = 0, step = 5, times = 10 }""", "not finite")]
    public async Task A_fault_that_comes_back_on_every_replay_stops_the_run_naming_stage_and_step_and_the_last_checkpoint_resumes(string entry, string cause)
    {
        var failed = await Assert.ThrowsAsync<StageFaultException>(() => Run("faulted", $"[{entry}]", checkpointEvery: 2));

        Assert.Equal(5, failed.Step);
        Assert.Contains("step 5", failed.Message);
        Assert.Contains(cause, failed.Message);
        Assert.Contains("recovery.max-restarts = 2", failed.Message);
        var recorder = await Run("resumed", "[]", resumeFrom: CheckpointDirectory.Resolve(_root.File("faulted")));
        Assert.Empty(recorder.Recoveries);
        await Run("baseline", "[]");
        Assert.Equal(WeightDigest.Of(_root.File("baseline")), WeightDigest.Of(_root.File("resumed")));
    }

    [TorchFact]
    public async Task A_stage_that_never_answers_the_rollback_stops_the_run_instead_of_hanging_it()
    {
        // Deadline 250 ms, so the rollback is given 2.5 s; the stage stays blocked for 4 s.
        var recovery = new RecoveryOptions(SnapshotEvery: 2, MaxRestarts: 5, WatchdogFloor: TimeSpan.FromMilliseconds(250), WatchdogMultiple: 1);
        var failed = await Assert.ThrowsAsync<StageFaultException>(() =>
            SmallPipeline.RunAsync(_root.File("faulted"), """[{ kind = hang, stage = 0, step = 5, duration = 4s }]""", recovery: recovery));

        Assert.Equal((0, 5L), (failed.Stage, failed.Step));
        Assert.Contains("did not answer the rollback", failed.Message);
    }

    private Task<FaultRecorder> Run(string name, string plan, int checkpointEvery = 0, string? resumeFrom = null, string mode = "sync") =>
        SmallPipeline.RunAsync(_root.File(name), plan, mode, Recovery, checkpointEvery, resumeFrom);
}
