using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Event;

public sealed class EventStreamTests : TestKitBase
{
    [Fact]
    public void Subscribers_receive_events_of_their_type_and_its_subtypes()
    {
        var animals = CreateTestProbe();
        var dogs = CreateTestProbe();
        Sys.EventStream.Subscribe<Animal>(animals);
        Sys.EventStream.Subscribe<Dog>(dogs);

        Sys.EventStream.Publish(new Cat("tom"));
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish("not an animal");

        animals.ExpectMsg<Cat>();
        animals.ExpectMsg<Dog>();
        dogs.ExpectMsg<Dog>();
        animals.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        dogs.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Unsubscribing_stops_the_events()
    {
        var probe = CreateTestProbe();
        Assert.True(Sys.EventStream.Subscribe<Animal>(probe));
        Assert.False(Sys.EventStream.Subscribe<Animal>(probe));

        Assert.True(Sys.EventStream.Unsubscribe(probe, typeof(Animal)));
        Sys.EventStream.Publish(new Cat("tom"));

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void Callback_subscriptions_run_until_disposed()
    {
        var seen = new List<string>();
        var subscription = Sys.EventStream.Subscribe<Animal>(a => seen.Add(a.Name));

        Sys.EventStream.Publish(new Cat("tom"));
        subscription.Dispose();
        Sys.EventStream.Publish(new Cat("felix"));

        Assert.Equal(["tom"], seen);
    }

    [Fact]
    public void A_stopped_actor_is_unsubscribed()
    {
        var probe = CreateTestProbe();
        var subscriber = Sys.ActorOf(Props.Create(() => new Relay(probe)));
        Sys.EventStream.Subscribe<Animal>(subscriber);
        probe.Watch(subscriber);

        Sys.Stop(subscriber);
        probe.ExpectTerminated(subscriber);

        Assert.False(Sys.EventStream.Unsubscribe(subscriber));
    }

    private abstract record Animal(string Name);

    private sealed record Cat(string Name) : Animal(Name);

    private sealed record Dog(string Name) : Animal(Name);

    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef probe) => ReceiveAny(m => probe.Tell(m));
    }
}
