namespace ActorTrain.Cluster.Tests;

public sealed class StagePlacementTests
{
    [Theory]
    [InlineData(2, 2, new[] { 0, 1 })]
    [InlineData(4, 2, new[] { 0, 0, 1, 1 })]
    [InlineData(3, 2, new[] { 0, 0, 1 })]
    [InlineData(2, 1, new[] { 0, 0 })]
    public void Auto_placement_spreads_contiguous_stages_over_the_workers_in_member_order(int stages, int workers, int[] expected) =>
        Assert.Equal(expected, StagePlacement.Place(stages, workers, []));

    [Fact]
    public void An_explicit_placement_is_taken_as_given() => Assert.Equal([1, 0], StagePlacement.Place(2, 2, [1, 0]));

    [Fact]
    public void An_explicit_placement_naming_a_missing_worker_is_refused() =>
        Assert.Contains("names worker 2", Assert.Throws<ArgumentException>(() => StagePlacement.Place(2, 2, [0, 2])).Message);
}
