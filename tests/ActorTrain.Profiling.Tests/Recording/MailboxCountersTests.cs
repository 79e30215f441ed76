using ActorTrain.Actors;
using ActorTrain.Profiling.Recording;

namespace ActorTrain.Profiling.Tests.Recording;

public sealed class MailboxCountersTests
{
    private static readonly ActorPath Stage0 = ActorPath.Root("test").Child("stage-0");
    private static readonly ActorPath Stage1 = ActorPath.Root("test").Child("stage-1");

    [Fact]
    public void Messages_are_counted_per_actor_and_type_with_their_handler_time()
    {
        var counters = new MailboxCounters();

        counters.Posted(Stage0, "activation");
        counters.Posted(Stage0, "activation");
        counters.Posted(Stage0, 42);
        counters.Dequeued(Stage0);
        counters.Processed(Stage0, "activation", TimeSpan.FromMilliseconds(3));
        counters.Posted(Stage1, 7);

        var counts = counters.Snapshot();

        Assert.Equal(
            [
                new MessageCount(Stage0.ToString(), "Int32", 1, 0, 0, 3),
                new MessageCount(Stage0.ToString(), "String", 2, 1, 3, 3),
                new MessageCount(Stage1.ToString(), "Int32", 1, 0, 0, 1),
            ],
            counts);
    }

    [Fact]
    public void The_deepest_queue_is_kept_after_it_drains()
    {
        var counters = new MailboxCounters();
        for (int i = 0; i < 5; i++)
        {
            counters.Posted(Stage0, i);
        }

        for (int i = 0; i < 5; i++)
        {
            counters.Dequeued(Stage0);
        }

        counters.Posted(Stage0, 5);

        Assert.All(counters.Snapshot(), c => Assert.Equal(5, c.MaxQueued));
    }

    [Fact]
    public async Task Counting_from_four_threads_at_once_loses_nothing()
    {
        var counters = new MailboxCounters();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                counters.Posted(Stage1, "gradient");
                counters.Dequeued(Stage1);
                counters.Processed(Stage1, "gradient", TimeSpan.FromTicks(10));
            }
        }));
        await Task.WhenAll(workers);

        var count = Assert.Single(counters.Snapshot());
        Assert.Equal(40_000, count.Posted);
        Assert.Equal(40_000, count.Processed);
        Assert.Equal(TimeSpan.FromTicks(400_000).TotalMilliseconds, count.ProcessingMs, 1e-9);
    }
}
