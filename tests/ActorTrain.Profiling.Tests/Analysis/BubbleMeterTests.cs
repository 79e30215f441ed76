using ActorTrain.Profiling.Analysis;
using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Tests.Analysis;

public sealed class BubbleMeterTests
{
    [Fact]
    public void A_perfect_gpipe_step_without_an_optimizer_step_measures_the_theory()
    {
        // p = 2, m = 4, unit forwards and backwards: (p-1)/(m+p-1) = 1/5.
        var spans = Step(1, [(0, SpanKind.Forward, 0, 4), (1, SpanKind.Forward, 1, 5), (1, SpanKind.Backward, 5, 9), (0, SpanKind.Backward, 6, 10)]);

        var (share, steps) = BubbleMeter.Measure(spans, stages: 2);

        Assert.Equal(0.2, share!.Value, 1e-12);
        Assert.Equal(1, steps);
    }

    [Fact]
    public void The_first_step_is_left_out_as_warm_up()
    {
        var slowFirst = Step(0, [(0, SpanKind.Forward, 0, 50), (1, SpanKind.Forward, 50, 100)]);
        var steady = Step(1, [(0, SpanKind.Forward, 100, 110), (1, SpanKind.Forward, 100, 110)]);

        var (share, steps) = BubbleMeter.Measure(slowFirst.Concat(steady), stages: 2);

        Assert.Equal(0.0, share!.Value, 1e-12);
        Assert.Equal(1, steps);
    }

    [Fact]
    public void Waiting_sending_and_gaps_between_steps_are_not_compute()
    {
        var first = Step(0, [(0, SpanKind.Forward, 0, 10), (1, SpanKind.Wait, 0, 10), (1, SpanKind.Forward, 10, 20)]);
        var second = Step(1, [(0, SpanKind.Forward, 100, 110), (1, SpanKind.Send, 100, 110), (1, SpanKind.Forward, 110, 120)]);
        var third = Step(2, [(0, SpanKind.Forward, 200, 210), (1, SpanKind.Forward, 210, 220), (0, SpanKind.Evaluate, 220, 300)]);

        var (share, steps) = BubbleMeter.Measure(first.Concat(second).Concat(third), stages: 2);

        // Steps 1 and 2: windows of 20 each, 20 of compute in each out of 2 x 20.
        Assert.Equal(0.5, share!.Value, 1e-12);
        Assert.Equal(2, steps);
    }

    [Fact]
    public void Overlapping_steps_are_counted_once_in_the_window()
    {
        // Async: step 2 starts before step 1 ends; the window is 0-30, not 20 + 20.
        var spans = Step(0, [(0, SpanKind.Forward, 0, 1)])
            .Concat(Step(1, [(0, SpanKind.Forward, 0, 20)]))
            .Concat(Step(2, [(1, SpanKind.Forward, 10, 30)]));

        var (share, _) = BubbleMeter.Measure(spans, stages: 2);

        Assert.Equal(1 - 40.0 / 60, share!.Value, 1e-12);
    }

    [Fact]
    public void No_compute_spans_measure_nothing()
    {
        var (share, steps) = BubbleMeter.Measure(Step(0, [(0, SpanKind.Wait, 0, 10)]), stages: 2);

        Assert.Null(share);
        Assert.Equal(0, steps);
    }

    private static IEnumerable<Span> Step(long step, (int Stage, SpanKind Kind, long From, long To)[] spans) =>
        spans.Select(s => new Span(s.Stage, s.Kind, step, 0, s.From, s.To));
}
