using ActorTrain.Actors;
using ActorTrain.TestKit;

namespace ActorTrain.Actors.Tests.Actor;

public sealed class ReceiveActorTests : TestKitBase
{
    [Fact]
    public void Handlers_are_chosen_by_message_type_and_predicate()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Classifier(probe)), "classifier");

        actor.Tell(-3);
        actor.Tell(4);
        actor.Tell("text");
        actor.Tell(2.5);

        probe.ExpectMsg("negative -3");
        probe.ExpectMsg("int 4");
        probe.ExpectMsg("string text");
        probe.ExpectMsg("any 2.5");
    }

    [Fact]
    public void Sender_is_the_telling_actor_and_replies_reach_it()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");

        echo.Tell("hello", probe);

        probe.ExpectMsg("hello");
        Assert.Same(echo, probe.LastSender);
    }

    [Fact]
    public void Sender_is_dead_letters_when_nobody_sent_the_message()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new SenderReporter(probe)));

        actor.Tell("who", ActorRefs.NoSender);

        Assert.Same(Sys.DeadLetters, probe.ExpectMsg<IActorRef>());
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        var forwarder = Sys.ActorOf(Props.Create(() => new Forwarder(echo)), "forwarder");

        forwarder.Tell("via", probe);

        probe.ExpectMsg("via");
        Assert.Same(echo, probe.LastSender);
    }

    [Fact]
    public void Become_and_unbecome_switch_the_handlers()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Switcher(probe)));

        actor.Tell("ping");
        actor.Tell("switch");
        actor.Tell("ping");
        actor.Tell("back");
        actor.Tell("ping");

        probe.ExpectMsg("calm ping");
        probe.ExpectMsg("angry ping");
        probe.ExpectMsg("calm ping");
    }

    [Fact]
    public void An_async_handler_holds_the_next_message_until_its_task_completes()
    {
        var probe = CreateTestProbe();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncWorker(probe, gate.Task)));

        actor.Tell("first");
        actor.Tell("second");

        probe.ExpectMsg("started first");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        gate.SetResult();
        probe.ExpectMsg("finished first");
        probe.ExpectMsg("started second");
        probe.ExpectMsg("finished second");
    }

    [Fact]
    public void Code_after_an_await_in_a_handler_still_has_the_actor_as_implicit_sender()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new AsyncWorker(probe, Task.Delay(1))));

        actor.Tell("x");

        probe.ExpectMsg("started x");
        probe.ExpectMsg("finished x");
        Assert.Same(actor, probe.LastSender);
    }

    [Fact]
    public void A_faulted_async_handler_fails_the_actor_like_a_throwing_one()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<ActorFailed>(probe);
        var actor = Sys.ActorOf(Props.Create(() => new FailingAsync()));

        actor.Tell("boom");

        var failure = probe.ExpectMsg<ActorFailed>();
        Assert.IsType<InvalidOperationException>(failure.Cause);
        Assert.Equal("boom", failure.Message);
    }

    [Fact]
    public void RunTask_in_PreStart_holds_the_first_messages_until_the_task_completes()
    {
        var probe = CreateTestProbe();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new SlowStarter(probe, gate.Task)));

        actor.Tell("hello");

        probe.ExpectMsg("starting");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        gate.SetResult();
        probe.ExpectMsg("started");
        probe.ExpectMsg("got hello");
    }

    [Fact]
    public void Unhandled_messages_are_published_on_the_event_stream()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<UnhandledMessage>(probe);
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));

        echo.Tell(42);

        var unhandled = probe.ExpectMsg<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Same(echo, unhandled.Recipient);
    }

    [Fact]
    public void An_untyped_actor_receives_every_message_in_OnReceive()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Untyped(probe)));

        actor.Tell("a");
        actor.Tell(1);

        probe.ExpectMsg("got a");
        probe.ExpectMsg("got 1");
    }

    [Fact]
    public void Constructing_an_actor_outside_the_runtime_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Echo());
        Assert.Contains("ActorOf", error.Message);
    }

    [Fact]
    public void Sibling_names_are_unique_and_children_are_listed()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Parent(probe)), "parent");

        parent.Tell("make a");
        parent.Tell("make a");
        parent.Tell("make b");
        parent.Tell("list");

        probe.ExpectMsg("made a");
        Assert.Contains("already exists", probe.ExpectMsg<string>());
        probe.ExpectMsg("made b");
        probe.ExpectMsg("a,b");
    }

    [Fact]
    public void A_path_names_the_system_and_the_parents()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Echo()), "echo");

        Assert.Equal($"actortrain://{nameof(ReceiveActorTests)}/user/echo", actor.Path.ToString());
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Echo()), "bad/name"));
    }

    private sealed class Classifier : ReceiveActor
    {
        public Classifier(IActorRef probe)
        {
            Receive<int>(i => i < 0, i => probe.Tell($"negative {i}"));
            Receive<int>(i => probe.Tell($"int {i}"));
            Receive<string>(s => probe.Tell($"string {s}"));
            ReceiveAny(o => probe.Tell($"any {o}"));
        }
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(s => Sender.Tell(s));
    }

    private sealed class SenderReporter : ReceiveActor
    {
        public SenderReporter(IActorRef probe) => ReceiveAny(_ => probe.Tell(Sender));
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(m => target.Forward(m));
    }

    private sealed class Switcher : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Switcher(IActorRef probe)
        {
            _probe = probe;
            Calm();
        }

        private void Calm()
        {
            Receive<string>(s => s == "switch", _ => BecomeStacked(Angry));
            Receive<string>(s => _probe.Tell($"calm {s}"));
        }

        private void Angry()
        {
            Receive<string>(s => s == "back", _ => UnbecomeStacked());
            Receive<string>(s => _probe.Tell($"angry {s}"));
        }
    }

    private sealed class AsyncWorker : ReceiveActor
    {
        public AsyncWorker(IActorRef probe, Task gate) =>
            ReceiveAsync<string>(async s =>
            {
                probe.Tell($"started {s}");
                await gate;
                probe.Tell($"finished {s}");
            });
    }

    private sealed class FailingAsync : ReceiveActor
    {
        public FailingAsync() =>
            ReceiveAsync<string>(async s =>
            {
                await Task.Yield();
                throw new InvalidOperationException(s);
            });
    }

    private sealed class SlowStarter : UntypedActor
    {
        private readonly IActorRef _probe;
        private readonly Task _gate;

        public SlowStarter(IActorRef probe, Task gate) => (_probe, _gate) = (probe, gate);

        protected override void PreStart() =>
            RunTask(async () =>
            {
                _probe.Tell("starting");
                await _gate;
                _probe.Tell("started");
            });

        protected override void OnReceive(object message) => _probe.Tell($"got {message}");
    }

    private sealed class Untyped(IActorRef probe) : UntypedActor
    {
        protected override void OnReceive(object message) => probe.Tell($"got {message}");
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent(IActorRef probe)
        {
            Receive<string>(s => s.StartsWith("make "), s =>
            {
                var name = s["make ".Length..];
                try
                {
                    Context.ActorOf(Props.Create(() => new Echo()), name);
                    probe.Tell($"made {name}");
                }
                catch (InvalidActorNameException e)
                {
                    probe.Tell(e.Message);
                }
            });
            Receive<string>(s => s == "list", _ => probe.Tell(string.Join(",", Context.Children.Select(c => c.Path.Name).Order())));
        }
    }
}
