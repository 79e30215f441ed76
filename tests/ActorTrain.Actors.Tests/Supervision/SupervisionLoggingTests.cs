using System.Collections.Concurrent;
using ActorTrain.Actors;
using ActorTrain.TestKit;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace ActorTrain.Actors.Tests.Supervision;

public sealed class SupervisionLoggingTests
{
    [Fact]
    public void A_failure_is_logged_once_at_the_supervisors_decision_with_the_actor_path()
    {
        var sink = new CollectingSink();
        var logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        using var system = ActorSystem.Create("logged", new ActorSystemOptions { Logger = logger });
        var probe = new TestProbe(system);
        var instances = new Stateful.Instances();
        var parentProps = Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Escalate),
            new Dictionary<string, Props> { ["c"] = Stateful.Props(probe, "c", instances) }, probe, false));
        var grandparent = system.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Restart),
            new Dictionary<string, Props> { ["parent"] = parentProps }, probe, false)), "grandparent");
        probe.FishForMessage<string>(s => s == "c#1 PreStart");

        grandparent.Tell(("parent", (object)("c", (object)"fail")));
        probe.FishForMessage<ActorFailed>(f => f.Directive == Directive.Restart);

        var withException = sink.Events.Where(e => e.Exception is InvalidOperationException && e.Level >= LogEventLevel.Warning).ToList();
        var logged = Assert.Single(withException);
        Assert.Equal(LogEventLevel.Error, logged.Level);
        Assert.Equal("\"actortrain://logged/user/grandparent/parent\"", logged.Properties["ActorPath"].ToString());
        Assert.Contains("Restart", logged.RenderMessage());
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }
}
