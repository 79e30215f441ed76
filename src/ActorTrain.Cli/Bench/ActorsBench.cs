using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Runs;
using Akka.Actor;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// `actortrain bench actors`: what the actor layer (Akka.NET) costs. One-way throughput (one sender thread, one
/// receiving actor), fan-in (8 sender threads, one actor) and ping-pong round trips between two actors, on Akka's
/// default dispatcher and on the stage dispatcher (pinned: a thread per actor, as stages run); the same one-way and
/// ping-pong shapes on a plain <see cref="Channel{T}"/> and a <see cref="BlockingCollection{T}"/>, with the ratios. Throughput is the best of three runs, because the
/// machine is shared and the best run is the one least disturbed.
/// </summary>
internal sealed class ActorsBench : IBench
{
    private const int FanInSenders = 8;
    private const int Repeats = 3;
    private const double TargetMessagesPerSecond = 5_000_000;
    private const double TargetMedianMicroseconds = 10;

    public string Name => "actors";

    public string Summary => "Akka.NET actor throughput and latency (default and pinned dispatcher), against Channel<T> and BlockingCollection<T>";

    public BenchReport Run(BenchOptions options, Action<string> progress)
    {
        options.RefuseSets(Name);
        var messages = options.Quick ? 20_000 : 4_000_000;
        var roundTrips = options.Quick ? 2_000 : 200_000;
        progress($"warming up ({messages:N0} messages per run, {roundTrips:N0} round trips)");
        using var system = TrainingActorSystem.Create("bench", "akka.loglevel = WARNING");
        // Gets the hot paths compiled at full optimization before anything is timed.
        OneWayActors(system, DefaultDispatcher, 1, messages / 4);
        PingPongActors(system, DefaultDispatcher, roundTrips / 10);
        PingPongActors(system, StageDispatcher.Id, roundTrips / 10);
        PingPongChannel(roundTrips / 10);
        PingPongBlockingCollection(roundTrips / 10);

        var results = new Dictionary<string, Figures>();
        foreach (var (name, dispatcher) in new[] { ("default", DefaultDispatcher), ("pinned", StageDispatcher.Id) })
        {
            progress($"Akka.NET actors on the {name} dispatcher");
            results[name] = new Figures(
                Best(() => OneWayActors(system, dispatcher, 1, messages)),
                Best(() => OneWayActors(system, dispatcher, FanInSenders, messages)),
                PingPongActors(system, dispatcher, roundTrips));
        }
        progress("Channel<T>");
        results["channel"] = new Figures(Best(() => OneWayChannel(messages)), null, PingPongChannel(roundTrips));
        progress("BlockingCollection<T>");
        results["blocking-collection"] = new Figures(Best(() => OneWayBlockingCollection(messages)), null, PingPongBlockingCollection(roundTrips));

        return Report(results, options.Quick);
    }

    private static BenchReport Report(Dictionary<string, Figures> results, bool quick)
    {
        var report = new BenchReport("actors");
        var columns = new[] { "default", "pinned", "channel", "blocking-collection" };
        report.Tables.Add(new BenchTable("Akka.NET actors (default, pinned dispatcher) against plain queues",
            ["figure", "Akka default", "Akka pinned", "Channel<T>", "BlockingColl.<T>"],
            [
                ["one-way msg/s", .. columns.Select(c => Millions(results[c].OneWay))],
                [$"fan-in x{FanInSenders} msg/s", .. columns.Select(c => Millions(results[c].FanIn))],
                ["ping-pong median µs", .. columns.Select(c => Micro(results[c].PingPong.Median))],
                ["ping-pong p99 µs", .. columns.Select(c => Micro(results[c].PingPong.P99))],
            ]));

        var ratios = new JsonObject();
        var ratioRows = new List<IReadOnlyList<string>>();
        foreach (var actor in new[] { "default", "pinned" })
        foreach (var baseline in new[] { "channel", "blocking-collection" })
        {
            var throughput = results[actor].OneWay / results[baseline].OneWay;
            var latency = results[actor].PingPong.Median / results[baseline].PingPong.Median;
            ratios[$"one-way-{actor}-over-{baseline}-ratio"] = Math.Round(throughput, 3);
            ratios[$"ping-pong-median-{actor}-over-{baseline}-ratio"] = Math.Round(latency, 3);
            ratioRows.Add([$"{actor} / {baseline}", Ratio(throughput), Ratio(latency)]);
        }
        report.Tables.Add(new BenchTable("Actor figure / plain-queue figure",
            ["actors / queue", "one-way msg/s", "ping-pong median"], ratioRows));

        foreach (var (name, figures) in results) report.Json[name] = figures.ToJson();
        report.Json["ratios"] = ratios;
        report.Json["cores"] = Environment.ProcessorCount;
        report.Json["quick"] = quick;

        var best = results["default"];
        report.Notes.Add("Ratios above 1 mean the actors move more messages per second; for latency, below 1 means the actors answer sooner.");
        report.Notes.Add($"Targets on 2 cores: one-way >= {TargetMessagesPerSecond / 1e6:0} M messages/s " +
                         $"({(best.OneWay >= TargetMessagesPerSecond ? "met" : "not met")} on the default dispatcher), ping-pong median <= {TargetMedianMicroseconds} µs " +
                         $"({(best.PingPong.Median <= TargetMedianMicroseconds ? "met" : "not met")}). Throughput is the best of {Repeats} runs; " +
                         $"{Environment.ProcessorCount} cores.");
        return report;
    }

    private static double Best(Func<double> run) => Enumerable.Range(0, Repeats).Max(_ => run());

    private const string DefaultDispatcher = "akka.actor.default-dispatcher";

    /// <summary>Messages per second from <paramref name="senders"/> plain threads into one actor, until it has counted them all.</summary>
    private static double OneWayActors(ActorSystem system, string dispatcher, int senders, int messages)
    {
        using var done = new ManualResetEventSlim();
        var perSender = messages / senders;
        var receiver = system.ActorOf(Props.Create(() => new Counter(perSender * senders, done)).WithDispatcher(dispatcher));
        var rate = TimeSenders(senders, perSender, () => receiver.Tell(Payload.Instance, ActorRefs.NoSender), done.Wait);
        system.Stop(receiver);
        return rate;
    }

    private static double OneWayChannel(int messages)
    {
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var consumer = Task.Run(async () =>
        {
            for (var count = 0; count < messages;)
            {
                await channel.Reader.WaitToReadAsync().ConfigureAwait(false);
                while (channel.Reader.TryRead(out _)) count++;
            }
        });
        return TimeSenders(1, messages, () => channel.Writer.TryWrite(Payload.Instance), consumer.Wait);
    }

    private static double OneWayBlockingCollection(int messages)
    {
        using var queue = new BlockingCollection<object>();
        var consumer = new Thread(() =>
        {
            for (var i = 0; i < messages; i++) queue.Take();
        });
        consumer.Start();
        return TimeSenders(1, messages, () => queue.Add(Payload.Instance), consumer.Join);
    }

    /// <summary>Starts the sender threads together and times from their start to <paramref name="waitForReceiver"/> returning.</summary>
    private static double TimeSenders(int senders, int perSender, Action send, Action waitForReceiver)
    {
        using var go = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, senders).Select(_ => new Thread(() =>
        {
            go.Wait();
            for (var i = 0; i < perSender; i++) send();
        })).ToList();
        threads.ForEach(t => t.Start());
        var start = Stopwatch.GetTimestamp();
        go.Set();
        waitForReceiver();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        threads.ForEach(t => t.Join());
        return senders * perSender / seconds;
    }

    private static Latency PingPongActors(ActorSystem system, string dispatcher, int roundTrips)
    {
        using var done = new ManualResetEventSlim();
        var samples = new long[roundTrips];
        var ponger = system.ActorOf(Props.Create(() => new Ponger()).WithDispatcher(dispatcher));
        var pinger = system.ActorOf(Props.Create(() => new Pinger(ponger, samples, done)).WithDispatcher(dispatcher));
        pinger.Tell(Start.Instance, ActorRefs.NoSender);
        done.Wait();
        system.Stop(pinger);
        system.Stop(ponger);
        return Latency.Of(samples);
    }

    private static Latency PingPongChannel(int roundTrips)
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var pings = Channel.CreateUnbounded<object>(options);
        var pongs = Channel.CreateUnbounded<object>(options);
        var samples = new long[roundTrips];
        var echo = Task.Run(async () =>
        {
            await foreach (var ping in pings.Reader.ReadAllAsync().ConfigureAwait(false)) pongs.Writer.TryWrite(ping);
        });
        Task.Run(async () =>
        {
            for (var i = 0; i < roundTrips; i++)
            {
                var start = Stopwatch.GetTimestamp();
                pings.Writer.TryWrite(Payload.Instance);
                await pongs.Reader.ReadAsync().ConfigureAwait(false);
                samples[i] = Stopwatch.GetTimestamp() - start;
            }
            pings.Writer.Complete();
        }).Wait();
        echo.Wait();
        return Latency.Of(samples);
    }

    private static Latency PingPongBlockingCollection(int roundTrips)
    {
        using var pings = new BlockingCollection<object>();
        using var pongs = new BlockingCollection<object>();
        var samples = new long[roundTrips];
        var echo = new Thread(() =>
        {
            for (var i = 0; i < roundTrips; i++) pongs.Add(pings.Take());
        });
        echo.Start();
        for (var i = 0; i < roundTrips; i++)
        {
            var start = Stopwatch.GetTimestamp();
            pings.Add(Payload.Instance);
            pongs.Take();
            samples[i] = Stopwatch.GetTimestamp() - start;
        }
        echo.Join();
        return Latency.Of(samples);
    }

    private static string Millions(double? perSecond) => perSecond is { } v ? $"{v / 1e6:0.00} M" : "-";

    private static string Micro(double microseconds) => microseconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private sealed record Figures(double OneWay, double? FanIn, Latency PingPong)
    {
        public JsonObject ToJson()
        {
            var json = new JsonObject { ["one-way-messages-per-s"] = Math.Round(OneWay) };
            if (FanIn is { } fanIn) json[$"fan-in-{FanInSenders}-senders-messages-per-s"] = Math.Round(fanIn);
            json["ping-pong-median-us"] = Math.Round(PingPong.Median, 3);
            json["ping-pong-p99-us"] = Math.Round(PingPong.P99, 3);
            return json;
        }
    }

    private sealed record Latency(double Median, double P99)
    {
        public static Latency Of(long[] timestampDeltas)
        {
            Array.Sort(timestampDeltas);
            double Micros(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
            return new Latency(Micros(timestampDeltas[timestampDeltas.Length / 2]), Micros(timestampDeltas[(int)(timestampDeltas.Length * 0.99)]));
        }
    }

    /// <summary>One shared instance, so the figures measure the runtime rather than allocating messages.</summary>
    private sealed class Payload
    {
        public static readonly Payload Instance = new();
    }

    private sealed class Start
    {
        public static readonly Start Instance = new();
    }

    private sealed class Counter : ReceiveActor
    {
        private int _count;

        public Counter(int expected, ManualResetEventSlim done) =>
            Receive<Payload>(_ =>
            {
                if (++_count == expected) done.Set();
            });
    }

    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => Receive<Payload>(p => Sender.Tell(p));
    }

    private sealed class Pinger : ReceiveActor
    {
        private readonly IActorRef _ponger;
        private readonly long[] _samples;
        private int _next;
        private long _sentAt;

        public Pinger(IActorRef ponger, long[] samples, ManualResetEventSlim done)
        {
            _ponger = ponger;
            _samples = samples;
            Receive<Start>(_ => Ping());
            Receive<Payload>(_ =>
            {
                _samples[_next++] = Stopwatch.GetTimestamp() - _sentAt;
                if (_next == _samples.Length) done.Set();
                else Ping();
            });
        }

        private void Ping()
        {
            _sentAt = Stopwatch.GetTimestamp();
            _ponger.Tell(Payload.Instance);
        }
    }
}
