using ActorTrain.Training.Schedules;

namespace ActorTrain.Training.Tests.Schedules;

public sealed class OneFOneBScheduleTests : PipelineScheduleContract
{
    private protected override IPipelineSchedule Schedule { get; } = new OneFOneBSchedule();

    [Fact]
    public void OneFOneB_schedule_for_two_stages_and_four_micro_batches_matches_table()
    {
        Assert.Equal(
            [
                "F0 F1 B0 F2 B1 F3 B2 B3",
                "F0 B0 F1 B1 F2 B2 F3 B3",
            ],
            ScheduleText.Table(Schedule, 2, 4));
    }

    [Fact]
    public void OneFOneB_schedule_for_three_stages_and_four_micro_batches_matches_table()
    {
        Assert.Equal(
            [
                "F0 F1 F2 B0 F3 B1 B2 B3",
                "F0 F1 B0 F2 B1 F3 B2 B3",
                "F0 B0 F1 B1 F2 B2 F3 B3",
            ],
            ScheduleText.Table(Schedule, 3, 4));
    }

    [Fact]
    public void OneFOneB_schedule_with_fewer_micro_batches_than_stages_warms_up_with_every_micro_batch()
    {
        Assert.Equal(
            [
                "F0 F1 B0 B1",
                "F0 F1 B0 B1",
                "F0 F1 B0 B1",
                "F0 B0 F1 B1",
            ],
            ScheduleText.Table(Schedule, 4, 2));
    }

    [Fact]
    public void OneFOneB_schedule_for_one_stage_alternates_forward_and_backward()
    {
        Assert.Equal(["F0 B0 F1 B1 F2 B2"], ScheduleText.Table(Schedule, 1, 3));
    }

    [Theory]
    [InlineData(4, 8)]
    [InlineData(4, 2)]
    [InlineData(6, 3)]
    public void OneFOneB_stage_runs_p_minus_k_forwards_before_its_first_backward_when_micro_batches_allow(int stages, int microBatches)
    {
        for (var stage = 0; stage < stages; stage++)
        {
            var actions = Schedule.ActionsFor(stage, stages, microBatches);

            var forwardsFirst = actions.TakeWhile(action => action.Kind == ActionKind.Forward).Count();
            Assert.Equal(Math.Min(stages - stage, microBatches), forwardsFirst);
        }
    }

    [Fact]
    public void OneFOneB_keeps_at_most_the_async_in_flight_limit_on_each_stage()
    {
        var timeline = ScheduleSimulator.Simulate(Schedule, 4, 8);

        Assert.Equal(
            [4, 3, 2, 1],
            timeline.Stages.Select(stage => stage.PeakInFlight));
        Assert.All(timeline.Stages, stage => Assert.Equal(PipelineTheory.AsyncInFlightLimit(4, stage.Stage), stage.PeakInFlight));
    }

    [Fact]
    public void OneFOneB_is_named_1f1b()
    {
        Assert.Equal("1f1b", Schedule.Name);
    }
}
