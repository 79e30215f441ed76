using System.Collections.Concurrent;
using System.Diagnostics;
using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Dispatch;

public sealed class MailboxObserverTests
{
    [Fact]
    public void The_observer_sees_each_message_posted_dequeued_and_processed_with_its_duration()
    {
        var observer = new RecordingObserver();
        using var system = ActorSystem.Create("observed", new ActorSystemOptions { MailboxObserver = observer });
        var probe = new TestProbe(system);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = system.ActorOf(Props.Create(() => new Worker(probe, gate.Task)), "worker");

        worker.Tell("sync");
        worker.Tell(1);
        probe.ExpectMsg("sync done");
        probe.ExpectMsg("async started");
        var held = Stopwatch.StartNew();
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(30));
        var atLeast = held.Elapsed; // the handler started before "async started" reached the probe
        gate.SetResult();
        probe.ExpectMsg("async done");
        worker.Tell("flush"); // processed after the async handler was settled
        probe.ExpectMsg("sync done");

        var events = observer.Events.Where(e => e.Path == worker.Path).ToList();
        Assert.Equal(["posted", "dequeued", "processed"], events.Where(e => e.Message is "sync").Select(e => e.Kind));
        var asyncEvents = events.Where(e => e.Message is 1).ToList();
        Assert.Equal(["posted", "dequeued", "processed"], asyncEvents.Select(e => e.Kind));
        Assert.True(asyncEvents[2].Duration >= atLeast, $"the async handler took {asyncEvents[2].Duration}, less than the {atLeast} it was held");
    }

    private sealed record ObservedEvent(string Kind, ActorPath Path, object Message, TimeSpan Duration);

    private sealed class RecordingObserver : IMailboxObserver
    {
        public ConcurrentQueue<ObservedEvent> Events { get; } = new();

        public void OnPosted(ActorPath recipient, object message) => Events.Enqueue(new("posted", recipient, message, TimeSpan.Zero));

        public void OnDequeued(ActorPath recipient, object message) => Events.Enqueue(new("dequeued", recipient, message, TimeSpan.Zero));

        public void OnProcessed(ActorPath recipient, object message, TimeSpan duration) =>
            Events.Enqueue(new("processed", recipient, message, duration));
    }

    private sealed class Worker : ReceiveActor
    {
        public Worker(IActorRef probe, Task gate)
        {
            Receive<string>(_ => probe.Tell("sync done"));
            ReceiveAsync<int>(async _ =>
            {
                probe.Tell("async started");
                await gate;
                probe.Tell("async done");
            });
        }
    }
}
