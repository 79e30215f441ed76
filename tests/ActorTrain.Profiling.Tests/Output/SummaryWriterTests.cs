using System.Text.Json;
using ActorTrain.Profiling.Tests.Fixtures;
using ActorTrain.Torch;
using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Profiling.Tests.Output;

public sealed class SummaryWriterTests : IDisposable
{
    private const double Precision = 1e-9;
    private readonly TempDirectory directory = new();
    private readonly ManualClock clock = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Summary_reports_throughput_as_samples_over_wall_time()
    {
        var summary = WriteGPipeSummary();

        Assert.Equal(256, summary.GetProperty("samples").GetInt64());
        Assert.Equal(0.024, summary.GetProperty("run").GetProperty("wall-s").GetDouble(), Precision);
        Assert.Equal(256 / 0.024, summary.GetProperty("samples-per-s").GetDouble(), 1e-3);
        Assert.True(summary.GetProperty("run").GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public void Each_stage_is_busy_for_its_forward_backward_and_step_time_over_the_wall_time()
    {
        var stages = WriteGPipeSummary().GetProperty("stages");

        Assert.Equal(2, stages.GetArrayLength());
        foreach (var stage in stages.EnumerateArray())
        {
            // 2 steps x (4 forwards + 4 backwards + 1 optimizer step) of 1 ms, over 24 ms.
            Assert.Equal(18.0 / 24, stage.GetProperty("busy-share").GetDouble(), Precision);
            Assert.Equal(6.0 / 24, stage.GetProperty("idle-share").GetDouble(), Precision);
            Assert.Equal(8.0, stage.GetProperty("forward-ms").GetDouble(), Precision);
            Assert.Equal(8.0, stage.GetProperty("backward-ms").GetDouble(), Precision);
            Assert.Equal(2.0, stage.GetProperty("step-ms").GetDouble(), Precision);
            Assert.Equal(4.0, stage.GetProperty("wait-ms").GetDouble(), Precision);
        }
    }

    [Fact]
    public void Stage_bytes_come_from_its_send_and_receive_spans()
    {
        var stages = WriteGPipeSummary().GetProperty("stages");

        long activations = GPipeTimeline.Steps * GPipeTimeline.MicroBatches * GPipeTimeline.ActivationBytes;
        long gradients = GPipeTimeline.Steps * GPipeTimeline.MicroBatches * GPipeTimeline.GradientBytes;
        Assert.Equal(activations, stages[0].GetProperty("bytes-out").GetInt64());
        Assert.Equal(gradients, stages[0].GetProperty("bytes-in").GetInt64());
        Assert.Equal(activations, stages[1].GetProperty("bytes-in").GetInt64());
        Assert.Equal(gradients, stages[1].GetProperty("bytes-out").GetInt64());
    }

    [Fact]
    public void Peak_memory_is_the_largest_a_stage_reported()
    {
        var stages = WriteGPipeSummary().GetProperty("stages");

        Assert.Equal(3_000_000, stages[0].GetProperty("peak-bytes").GetInt64());
        Assert.Equal(2_000_000, stages[1].GetProperty("peak-bytes").GetInt64());
    }

    [Fact]
    public void Measured_bubble_leaves_out_the_warm_up_step_and_sits_next_to_the_theory()
    {
        var bubble = WriteGPipeSummary().GetProperty("bubble");

        // Step 1 alone: both stages compute 9 of its 11 ms.
        Assert.Equal(1 - 18.0 / 22, bubble.GetProperty("measured-share").GetDouble(), 1e-6);
        Assert.Equal(0.2, bubble.GetProperty("theoretical-share").GetDouble(), Precision);
        Assert.Equal(1, bubble.GetProperty("steps-measured").GetInt32());
    }

    [Fact]
    public void Per_mode_figures_give_steps_samples_and_bytes_moved_per_step()
    {
        var mode = Assert.Single(WriteGPipeSummary().GetProperty("modes").EnumerateArray());

        long moved = GPipeTimeline.Steps * GPipeTimeline.MicroBatches * (GPipeTimeline.ActivationBytes + GPipeTimeline.GradientBytes);
        Assert.Equal("sync", mode.GetProperty("mode").GetString());
        Assert.Equal(2, mode.GetProperty("steps").GetInt32());
        Assert.Equal(256, mode.GetProperty("samples").GetInt64());
        Assert.Equal(moved, mode.GetProperty("bytes-moved").GetInt64());
        Assert.Equal(moved / 2.0, mode.GetProperty("bytes-per-step").GetDouble(), Precision);
        Assert.Equal(256 / 0.024, mode.GetProperty("samples-per-s").GetDouble(), 1e-3);
    }

    [Fact]
    public void Final_accuracy_is_the_last_evaluation()
    {
        var summary = WriteGPipeSummary();

        Assert.Equal(0.625, summary.GetProperty("final-accuracy").GetDouble(), Precision);
        Assert.Equal(0, summary.GetProperty("mode-switches").GetProperty("count").GetInt32());
    }

    [Fact]
    public void Mode_switches_are_counted_and_split_the_figures_by_mode()
    {
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run());
        foreach (var span in GPipeTimeline.StepSpans(0, 0))
        {
            profiler.OnSpan(span);
        }

        profiler.OnStep(new StepMetrics("sync", 0, 0, 2.0, 128, Ms(11)));
        clock.Now = Ms(11);
        profiler.OnStageMemory(0, 500);
        profiler.OnModeSwitch(new ModeSwitch(1, 0, "sync", "decoupled", "wait share 0.4 > 0.3", Ms(12)));
        profiler.OnRunStarted(GPipeTimeline.Run("decoupled") with { TheoreticalBubbleShare = 0, Timestamp = Ms(12) });
        profiler.OnSpan(new Span(0, SpanKind.Forward, 1, 0, Ms(12), Ms(13)));
        profiler.OnSpan(new Span(0, SpanKind.Backward, 1, 0, Ms(13), Ms(14)));
        profiler.OnSpan(new Span(1, SpanKind.Forward, 1, 0, Ms(12), Ms(14)));
        profiler.OnSpan(new Span(1, SpanKind.Backward, 1, 0, Ms(14), Ms(16)));
        clock.Now = Ms(16);
        profiler.OnStageMemory(0, 200);
        profiler.OnStep(new StepMetrics("decoupled", 0, 1, 1.0, 128, Ms(16)));
        profiler.OnRunFinished(true, Ms(18));

        var summary = Write(profiler);
        var switches = summary.GetProperty("mode-switches");
        Assert.Equal(1, switches.GetProperty("count").GetInt32());
        var change = Assert.Single(switches.GetProperty("list").EnumerateArray());
        Assert.Equal("wait share 0.4 > 0.3", change.GetProperty("reason").GetString());
        Assert.Equal(0.012, change.GetProperty("at-s").GetDouble(), Precision);

        var modes = summary.GetProperty("modes").EnumerateArray().ToDictionary(m => m.GetProperty("mode").GetString()!);
        Assert.Equal(new[] { "sync", "decoupled" }, modes.Keys);
        Assert.Equal(0.012, modes["sync"].GetProperty("wall-s").GetDouble(), Precision);
        Assert.Equal(0.006, modes["decoupled"].GetProperty("wall-s").GetDouble(), Precision);
        Assert.Equal(0, modes["decoupled"].GetProperty("bytes-moved").GetInt64());
        Assert.Equal(1, modes["decoupled"].GetProperty("steps").GetInt32());
        Assert.Equal(500, modes["sync"].GetProperty("stages")[0].GetProperty("peak-bytes").GetInt64());
        Assert.Equal(200, modes["decoupled"].GetProperty("stages")[0].GetProperty("peak-bytes").GetInt64());
        Assert.Equal(0.0, modes["decoupled"].GetProperty("bubble").GetProperty("theoretical-share").GetDouble());
    }

    [Fact]
    public void A_diverged_loss_still_gives_valid_json()
    {
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run());
        profiler.OnEvaluation(new EvaluationMetrics("sync", 0, 0, double.NaN, double.NaN, Ms(1)));
        profiler.OnRunFinished(false, Ms(2));

        var summary = Write(profiler);

        Assert.Equal(JsonValueKind.Null, summary.GetProperty("final-accuracy").ValueKind);
        Assert.False(summary.GetProperty("run").GetProperty("succeeded").GetBoolean());
    }

    [TorchFact]
    public void Link_traffic_is_counted_per_link_with_its_bytes()
    {
        var profiler = GPipeTimeline.Record(clock);
        var link = profiler.Decorate(new DiscardingLink());
        link.Send(new Forward(0, 0, 0, new([2, 3], ScalarType.Float32), Tensor.Zeros([2, 3])));

        var traffic = Assert.Single(Write(profiler).GetProperty("links").EnumerateArray());

        Assert.Equal(0, traffic.GetProperty("from-stage").GetInt32());
        Assert.Equal(1, traffic.GetProperty("to-stage").GetInt32());
        Assert.Equal(1, traffic.GetProperty("messages").GetInt64());
        Assert.Equal(24, traffic.GetProperty("bytes").GetInt64());
        Assert.Equal("Forward", traffic.GetProperty("by-type")[0].GetProperty("type").GetString());
    }

    /// <summary>Stage 0's link to stage 1 whose receiver frees what it gets at once.</summary>
    private sealed class DiscardingLink : IStageLink
    {
        public int From => 0;

        public int To => 1;

        public void Send(ILinkMessage message) => message.DisposeTensors();
    }

    [Fact]
    public void An_ist_mode_reports_the_weight_share_per_worker_next_to_the_predicted_range()
    {
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run("ist") with { SubnetShare = new SubnetShare(0.32, 0.25, 0.5) });
        profiler.OnStep(new StepMetrics("ist", 0, 0, 1.0, 128, ManualClock.TicksPerMillisecond));
        profiler.OnRunFinished(true, 2 * ManualClock.TicksPerMillisecond);

        var mode = Assert.Single(Write(profiler).GetProperty("modes").EnumerateArray());

        var share = mode.GetProperty("weight-share-per-worker-per-round");
        Assert.Equal(0.32, share.GetProperty("measured-share").GetDouble(), Precision);
        Assert.Equal(0.25, share.GetProperty("predicted-low-share").GetDouble(), Precision);
        Assert.Equal(0.5, share.GetProperty("predicted-high-share").GetDouble(), Precision);
        Assert.Contains("32.0 % (25.0 % to 50.0 %)", directory.Read(Profiler.ReportFileName));
    }

    [Fact]
    public void Other_modes_report_no_weight_share()
    {
        var mode = WriteGPipeSummary().GetProperty("modes")[0];

        Assert.False(mode.TryGetProperty("weight-share-per-worker-per-round", out _));
    }

    [Fact]
    public void Names_are_kebab_case()
    {
        WriteGPipeSummary();
        using var document = JsonDocument.Parse(directory.Read(Profiler.SummaryFileName));

        foreach (string name in Names(document.RootElement))
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", name);
        }
    }

    private static IEnumerable<string> Names(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Names(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Names),
        _ => [],
    };

    private static long Ms(long ms) => ms * ManualClock.TicksPerMillisecond;

    private JsonElement WriteGPipeSummary() => Write(GPipeTimeline.Record(clock));

    private JsonElement Write(Profiler profiler)
    {
        profiler.WriteTo(directory.Path);
        using var document = JsonDocument.Parse(directory.Read(Profiler.SummaryFileName));
        return document.RootElement.Clone();
    }
}
