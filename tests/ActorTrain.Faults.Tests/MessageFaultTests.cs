using ActorTrain.Config.Settings;

namespace ActorTrain.Faults.Tests;

/// <summary>
/// One message fault per run of a two-stage synchronous pipeline (8 steps, 2 micro-batches): the link protocol detects
/// it and heals it without rollback, and the run ends with weights and optimizer state bit-identical to the run
/// without faults.
/// </summary>
public sealed class MessageFaultTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [TorchTheory]
    [InlineData("""{ kind = drop, link = "0->1", step = 3, micro-batch = 0 }""", "sequence gap", "resend")]
    [InlineData("""{ kind = drop, link = "1->0", step = 3, micro-batch = 1 }""", "no acknowledgement within the resend timeout", "resend")]
    [InlineData("""{ kind = delay, link = "0->1", step = 3, micro-batch = 1, duration = 150ms }""", "", "resend")]
    [InlineData("""{ kind = duplicate, link = "1->0", step = 3, micro-batch = 1 }""", "duplicate sequence number", "copy dropped")]
    [InlineData("""{ kind = reorder, link = "0->1", step = 3, micro-batch = 0 }""", "sequence gap", "")]
    [InlineData("""{ kind = corrupt, link = "1->0", step = 3, micro-batch = 0 }""", "checksum mismatch (CRC-32C)", "resend")]
    public async Task A_message_fault_heals_without_rollback_and_the_weights_equal_the_fault_free_run(string entry, string detected, string recovery)
    {
        await Run("baseline", "[]");
        var recorder = await Run("faulted", $"[{entry}]");

        var outcome = Assert.Single(FaultOutcomes.Explain(recorder.Faults, recorder.LinkEvents));
        Assert.Equal(3, outcome.Fault.Step);
        // Prefixes: under load a timer may fire before the frame that would have shown the gap (then a resend heals
        // a reorder too), and a delayed original may come after its resend or after the run ended.
        Assert.True(outcome.WasDetected);
        Assert.StartsWith(detected, outcome.Detected);
        Assert.StartsWith(recovery, outcome.Recovery);
        Assert.Equal(WeightDigest.Of(_root.File("baseline")), WeightDigest.Of(_root.File("faulted")));
    }

    /// <summary>
    /// The pipeline without flush (async) runs each stage's forwards and backwards in a fixed order whatever the timing
    /// of arrivals, so a fault healed by resend leaves the weights of the run without it there too.
    /// </summary>
    [TorchTheory]
    [InlineData("""{ kind = drop, link = "0->1", step = 3, micro-batch = 0 }""")]
    [InlineData("""{ kind = drop, link = "1->0", step = 3, micro-batch = 1 }""")]
    [InlineData("""{ kind = delay, link = "0->1", step = 3, micro-batch = 1, duration = 150ms }""")]
    [InlineData("""{ kind = duplicate, link = "1->0", step = 3, micro-batch = 1 }""")]
    [InlineData("""{ kind = reorder, link = "0->1", step = 3, micro-batch = 0 }""")]
    [InlineData("""{ kind = corrupt, link = "1->0", step = 3, micro-batch = 0 }""")]
    public async Task In_the_pipeline_without_flush_a_message_fault_heals_and_the_weights_equal_the_fault_free_run(string entry)
    {
        await Run("baseline", "[]", "async");
        var recorder = await Run("faulted", $"[{entry}]", "async");

        var outcome = Assert.Single(FaultOutcomes.Explain(recorder.Faults, recorder.LinkEvents));
        Assert.Equal(3, outcome.Fault.Step);
        Assert.True(outcome.WasDetected);
        Assert.Empty(recorder.Recoveries);
        Assert.Equal(WeightDigest.Of(_root.File("baseline")), WeightDigest.Of(_root.File("faulted")));
    }

    [TorchFact]
    public async Task A_rate_plan_replays_the_same_faults_and_every_one_heals()
    {
        const string plan = """[{ kind = drop, link = "0->1", rate = 0.15 }, { kind = corrupt, link = "1->0", rate = 0.15 }]""";
        await Run("baseline", "[]");
        var first = await Run("first", plan);
        var second = await Run("second", plan);

        static IEnumerable<(FaultKind, string, long, int, long)> Where(FaultRecorder r) =>
            r.Faults.OrderBy(f => f.Link).ThenBy(f => f.Sequence).Select(f => (f.Kind, f.Link, f.Step, f.MicroBatch, f.Sequence));
        Assert.NotEmpty(first.Faults);
        Assert.Equal(Where(first), Where(second));
        Assert.All(FaultOutcomes.Explain(first.Faults, first.LinkEvents), o => Assert.StartsWith("resend", o.Recovery));
        Assert.Equal(WeightDigest.Of(_root.File("baseline")), WeightDigest.Of(_root.File("first")));
        Assert.Equal(WeightDigest.Of(_root.File("baseline")), WeightDigest.Of(_root.File("second")));
    }

    private Task<FaultRecorder> Run(string name, string plan, string mode = "sync") => SmallPipeline.RunAsync(_root.File(name), plan, mode);
}
