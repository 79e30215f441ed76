using ActorTrain.Training.Schedules;

namespace ActorTrain.Training.Tests.Schedules;

/// <summary>What every pipeline schedule promises, run against each implementation.</summary>
public abstract class PipelineScheduleContract
{
    public static TheoryData<int, int> Shapes()
    {
        var shapes = new TheoryData<int, int>();
        for (var stages = 1; stages <= 6; stages++)
        {
            for (var microBatches = 1; microBatches <= 10; microBatches++)
            {
                shapes.Add(stages, microBatches);
            }
        }

        return shapes;
    }

    private protected abstract IPipelineSchedule Schedule { get; }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_stage_runs_each_forward_and_backward_once_with_backward_after_its_forward(int stages, int microBatches)
    {
        for (var stage = 0; stage < stages; stage++)
        {
            var actions = Schedule.ActionsFor(stage, stages, microBatches).ToList();

            Assert.Equal(2 * microBatches, actions.Count);
            for (var microBatch = 0; microBatch < microBatches; microBatch++)
            {
                var forward = actions.IndexOf(PipelineAction.Forward(microBatch));
                var backward = actions.IndexOf(PipelineAction.Backward(microBatch));
                Assert.InRange(forward, 0, backward - 1);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Schedule_never_deadlocks_and_unit_time_bubble_matches_theory(int stages, int microBatches)
    {
        var timeline = ScheduleSimulator.Simulate(Schedule, stages, microBatches);

        Assert.Equal(2 * (microBatches + stages - 1), timeline.Makespan);
        Assert.Equal(PipelineTheory.TheoreticalBubbleShare(stages, microBatches), timeline.BubbleShare, 12);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Schedule_never_deadlocks_when_backward_takes_twice_as_long(int stages, int microBatches)
    {
        var durations = Enumerable.Repeat(new StageDurations(1, 2), stages).ToArray();

        var timeline = ScheduleSimulator.Simulate(Schedule, stages, microBatches, durations);

        Assert.Equal(3 * (microBatches + stages - 1), timeline.Makespan);
    }

    [Fact]
    public void Table_lists_one_action_list_per_stage()
    {
        var table = Schedule.Table(3, 2);

        Assert.Equal(3, table.Count);
        Assert.All(table, actions => Assert.Equal(4, actions.Count));
    }

    [Theory]
    [InlineData(0, 0, 4, "stages")]
    [InlineData(0, 2, 0, "microBatches")]
    [InlineData(2, 2, 4, "stage")]
    [InlineData(-1, 2, 4, "stage")]
    public void Out_of_range_arguments_are_rejected_with_their_name(int stage, int stages, int microBatches, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.ActionsFor(stage, stages, microBatches));

        Assert.Equal(parameter, error.ParamName);
    }
}
