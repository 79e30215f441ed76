using ActorTrain.Training.Schedules;

namespace ActorTrain.Training.Tests.Schedules;

public sealed class ScheduleSimulatorTests
{
    [Fact]
    public void GPipe_timeline_for_two_stages_and_four_micro_batches_matches_table()
    {
        var timeline = ScheduleSimulator.Simulate(ScheduleFactory.Create("gpipe"), 2, 4);

        Assert.Equal(
            [
                "F0 F1 F2 F3 .. .. B3 B2 B1 B0",
                ".. F0 F1 F2 F3 B3 B2 B1 B0 ..",
            ],
            ScheduleText.Grid(timeline));
    }

    [Fact]
    public void GPipe_timeline_for_three_stages_and_four_micro_batches_matches_the_drawn_table()
    {
        var timeline = ScheduleSimulator.Simulate(ScheduleFactory.Create("gpipe"), 3, 4);

        Assert.Equal(
            [
                "F0 F1 F2 F3 .. .. .. .. B3 B2 B1 B0",
                ".. F0 F1 F2 F3 .. .. B3 B2 B1 B0 ..",
                ".. .. F0 F1 F2 F3 B3 B2 B1 B0 .. ..",
            ],
            ScheduleText.Grid(timeline));
    }

    [Fact]
    public void OneFOneB_timeline_for_three_stages_and_four_micro_batches_matches_the_drawn_table()
    {
        var timeline = ScheduleSimulator.Simulate(ScheduleFactory.Create("1f1b"), 3, 4);

        Assert.Equal(
            [
                "F0 F1 F2 .. .. B0 F3 B1 .. B2 .. B3",
                ".. F0 F1 .. B0 F2 B1 F3 B2 .. B3 ..",
                ".. .. F0 B0 F1 B1 F2 B2 F3 B3 .. ..",
            ],
            ScheduleText.Grid(timeline));
    }

    [Theory]
    [InlineData(2, 4, 0.2)]
    [InlineData(3, 4, 1.0 / 3)]
    [InlineData(4, 1, 0.75)]
    [InlineData(1, 5, 0.0)]
    public void Unit_time_bubble_share_is_p_minus_one_over_m_plus_p_minus_one(int stages, int microBatches, double expected)
    {
        foreach (var name in ScheduleFactory.Names)
        {
            var timeline = ScheduleSimulator.Simulate(ScheduleFactory.Create(name), stages, microBatches);

            Assert.Equal(expected, timeline.BubbleShare, 12);
        }
    }

    [Fact]
    public void A_slow_stage_sets_the_pace_and_the_others_wait_for_it()
    {
        // Stage 1 takes 3 units per pass; with m = 2 under GPipe:
        //   stage 0: F0 at 0-1, F1 at 1-2, then waits for stage 1's gradients
        //   stage 1: F0 at 1-4, F1 at 4-7, B1 at 7-10, B0 at 10-13
        //   stage 0: B1 at 10-11, B0 at 13-14
        StageDurations[] durations = [new(1, 1), new(3, 3)];

        var timeline = ScheduleSimulator.Simulate(ScheduleFactory.Create("gpipe"), 2, 2, durations);

        Assert.Equal(14, timeline.Makespan);
        Assert.Equal(
            [(0.0, 1.0), (1, 2), (10, 11), (13, 14)],
            timeline.Stages[0].Actions.Select(timed => (timed.Start, timed.End)));
        Assert.Equal(4, timeline.Stages[0].BusyTime);
        Assert.Equal(12, timeline.Stages[1].BusyTime);
        Assert.Equal(1 - 16.0 / 28, timeline.BubbleShare, 12);
    }

    [Theory]
    [InlineData(new[] { "F0 B0 F1 B1", "F1 F0 B0 B1" }, 2,
        "the schedule deadlocks: stage 0 waits to run B0, which needs B0 of stage 1; stage 1 waits to run F1, which needs F1 of stage 0")]
    [InlineData(new[] { "B0 F0" }, 1, "the schedule deadlocks: stage 0 waits to run B0, which needs its own F0")]
    public void A_table_whose_actions_wait_on_each_other_is_reported_as_a_deadlock(string[] rows, int microBatches, string expected)
    {
        var table = ScheduleText.Parse(rows);

        var error = Assert.Throws<InvalidOperationException>(() => ScheduleSimulator.Simulate(table, microBatches, UnitDurations(rows.Length)));

        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("F0 B0", 2, "stage 0 runs 2 actions but 2 micro-batches need 4 (each forward and backward once)")]
    [InlineData("F0 F0", 1, "stage 0 runs F0 twice")]
    [InlineData("F0 B1", 1, "stage 0 runs B1 but the micro-batches are 0 to 0")]
    public void A_table_that_does_not_run_each_pass_exactly_once_is_rejected(string row, int microBatches, string expected)
    {
        var error = Assert.Throws<ArgumentException>(
            () => ScheduleSimulator.Simulate(ScheduleText.Parse([row]), microBatches, UnitDurations(1)));

        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void Durations_must_match_the_stage_count()
    {
        var error = Assert.Throws<ArgumentException>(
            () => ScheduleSimulator.Simulate(ScheduleFactory.Create("gpipe"), 3, 2, [StageDurations.Unit]));

        Assert.StartsWith("1 stage durations given for a pipeline of 3 stages", error.Message);
    }

    [Fact]
    public void Negative_durations_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(
            () => ScheduleSimulator.Simulate(ScheduleFactory.Create("gpipe"), 1, 2, [new StageDurations(-1, 1)]));

        Assert.StartsWith("stage 0 durations must be finite and not negative, got forward -1 and backward 1", error.Message);
    }

    [Fact]
    public void Zero_durations_give_an_empty_timeline_with_no_bubble()
    {
        var timeline = ScheduleSimulator.Simulate(ScheduleFactory.Create("1f1b"), 2, 2, [new StageDurations(0, 0), new StageDurations(0, 0)]);

        Assert.Equal(0, timeline.Makespan);
        Assert.Equal(0, timeline.BubbleShare);
    }

    private static StageDurations[] UnitDurations(int stages) => Enumerable.Repeat(StageDurations.Unit, stages).ToArray();
}
