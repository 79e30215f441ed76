using ActorTrain.Training.Options;

namespace ActorTrain.Training.Tests.Options;

public sealed class AsyncOptionsTests
{
    [Theory]
    [InlineData(2, 4, 2)] // L = 2 at stage 0: one mini-batch ahead is enough; the minimum holds
    [InlineData(4, 1, 4)] // L = 4, one micro-batch each: 1 + 3
    [InlineData(4, 2, 3)] // 1 + ceil(3 / 2)
    [InlineData(8, 2, 5)] // 1 + ceil(7 / 2)
    public void The_dispatch_window_reaches_as_far_ahead_as_stage_0s_backwards_wait(int stages, int microBatches, int expected) =>
        Assert.Equal(expected, new AsyncOptions().DispatchWindow(stages, microBatches, minimum: 2));

    [Fact]
    public void A_fixed_in_flight_bound_sets_the_window() =>
        Assert.Equal(1 + 5, new AsyncOptions(MaxInFlight: 6).DispatchWindow(stages: 2, microBatches: 1, minimum: 2));
}
