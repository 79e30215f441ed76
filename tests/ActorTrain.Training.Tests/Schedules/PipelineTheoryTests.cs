using ActorTrain.Training.Schedules;

namespace ActorTrain.Training.Tests.Schedules;

public sealed class PipelineTheoryTests
{
    [Theory]
    [InlineData(1, 1, 0.0)]
    [InlineData(2, 1, 0.5)]
    [InlineData(2, 4, 0.2)]
    [InlineData(2, 8, 1.0 / 9)]
    [InlineData(4, 8, 3.0 / 11)]
    public void Theoretical_bubble_share_is_p_minus_one_over_m_plus_p_minus_one(int stages, int microBatches, double expected)
    {
        Assert.Equal(expected, PipelineTheory.TheoreticalBubbleShare(stages, microBatches), 12);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(2, 0)]
    public void Theoretical_bubble_share_rejects_an_empty_pipeline_or_mini_batch(int stages, int microBatches)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PipelineTheory.TheoreticalBubbleShare(stages, microBatches));
    }

    [Fact]
    public void Async_in_flight_limit_is_p_minus_k_for_each_stage()
    {
        Assert.Equal([4, 3, 2, 1], Enumerable.Range(0, 4).Select(stage => PipelineTheory.AsyncInFlightLimit(4, stage)));
        Assert.Equal(1, PipelineTheory.AsyncInFlightLimit(1, 0));
    }

    [Theory]
    [InlineData(2, 2, "stage")]
    [InlineData(2, -1, "stage")]
    [InlineData(0, 0, "stages")]
    public void Async_in_flight_limit_rejects_a_stage_outside_the_pipeline(int stages, int stage, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PipelineTheory.AsyncInFlightLimit(stages, stage));

        Assert.Equal(parameter, error.ParamName);
    }
}
