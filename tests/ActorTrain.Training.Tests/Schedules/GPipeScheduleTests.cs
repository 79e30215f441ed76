using ActorTrain.Training.Schedules;

namespace ActorTrain.Training.Tests.Schedules;

public sealed class GPipeScheduleTests : PipelineScheduleContract
{
    private protected override IPipelineSchedule Schedule { get; } = new GPipeSchedule();

    [Fact]
    public void GPipe_schedule_for_two_stages_and_four_micro_batches_matches_table()
    {
        Assert.Equal(
            [
                "F0 F1 F2 F3 B3 B2 B1 B0",
                "F0 F1 F2 F3 B3 B2 B1 B0",
            ],
            ScheduleText.Table(Schedule, 2, 4));
    }

    [Fact]
    public void GPipe_schedule_with_fewer_micro_batches_than_stages_matches_table()
    {
        Assert.Equal(
            [
                "F0 F1 B1 B0",
                "F0 F1 B1 B0",
                "F0 F1 B1 B0",
            ],
            ScheduleText.Table(Schedule, 3, 2));
    }

    [Fact]
    public void GPipe_schedule_for_one_stage_and_one_micro_batch_is_one_forward_then_one_backward()
    {
        Assert.Equal(["F0 B0"], ScheduleText.Table(Schedule, 1, 1));
    }

    [Fact]
    public void GPipe_keeps_every_micro_batch_in_flight_on_every_stage()
    {
        var timeline = ScheduleSimulator.Simulate(Schedule, 4, 6);

        Assert.All(timeline.Stages, stage => Assert.Equal(6, stage.PeakInFlight));
    }

    [Fact]
    public void GPipe_is_named_gpipe()
    {
        Assert.Equal("gpipe", Schedule.Name);
    }
}
