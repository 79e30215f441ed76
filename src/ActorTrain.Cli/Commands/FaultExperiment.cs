using System.Globalization;
using System.Text.Json.Nodes;
using ActorTrain.Config.Settings;
using ActorTrain.Faults;
using Spectre.Console;

namespace ActorTrain.Cli.Commands;

/// <summary>The result of `actortrain faults`: the rows of injected faults and the comparison of the two runs, as tables or JSON.</summary>
internal sealed record FaultExperiment(FaultRun Baseline, FaultRun Faulted, IReadOnlyList<FaultOutcome> Outcomes)
{
    public bool IdenticalWeights => Baseline.WeightDigest == Faulted.WeightDigest;

    public void Print()
    {
        var table = new Table().Title("injected faults");
        foreach (var c in new[] { "kind", "where", "step", "micro-batch", "frame", "detected", "after", "recovery", "replayed", "time lost" }) table.AddColumn(c);
        foreach (var o in Outcomes)
            table.AddRow(EnumNames.Of(o.Fault.Kind), o.Fault.Where, I(o.Fault.Step), o.Fault.MicroBatch < 0 ? "-" : I(o.Fault.MicroBatch), o.Fault.Sequence < 0 ? "-" : I(o.Fault.Sequence),
                Markup.Escape(o.Detected), Ms(o.TimeToDetect), Markup.Escape(o.Recovery), I(o.StepsReplayed), Ms(o.TimeLost));
        AnsiConsole.Write(table);
        // Plain lines, whatever the console's width: scripts read them.
        Console.Out.WriteLine($"faults injected: {Outcomes.Count}, detected: {Outcomes.Count(o => o.WasDetected)}, resent: {Outcomes.Count(o => o.Recovery.StartsWith("resend", StringComparison.Ordinal))}, rolled back: {Outcomes.Count(o => o.Recovery.StartsWith("rollback", StringComparison.Ordinal))}");
        Console.Out.WriteLine($"identical weights: {(IdenticalWeights ? "yes" : "no")} (SHA-256 baseline {Baseline.WeightDigest[..16]}, faulted {Faulted.WeightDigest[..16]})");
        Console.Out.WriteLine($"test accuracy: baseline {Accuracy(Baseline)}, faulted {Accuracy(Faulted)}");
        Console.Out.WriteLine($"wall time: baseline {Wall(Baseline)}, faulted {Wall(Faulted)}");
    }

    public JsonObject ToJson() => new()
    {
        ["identical-weights"] = IdenticalWeights,
        ["baseline"] = Run(Baseline),
        ["faulted"] = Run(Faulted),
        ["faults"] = new JsonArray(Outcomes.Select(o => (JsonNode)new JsonObject
        {
            ["kind"] = EnumNames.Of(o.Fault.Kind),
            ["where"] = o.Fault.Where,
            ["step"] = o.Fault.Step,
            ["micro-batch"] = o.Fault.MicroBatch,
            ["sequence"] = o.Fault.Sequence,
            ["detected"] = o.Detected,
            ["time-to-detect-ms"] = o.TimeToDetect is { } d ? Math.Round(d.TotalMilliseconds, 1) : null,
            ["recovery"] = o.Recovery,
            ["steps-replayed"] = o.StepsReplayed,
            ["time-lost-ms"] = o.TimeLost is { } l ? Math.Round(l.TotalMilliseconds, 1) : null,
        }).ToArray()),
    };

    private static JsonObject Run(FaultRun run) => new()
    {
        ["run-directory"] = run.Directory,
        ["weights-sha256"] = run.WeightDigest,
        ["trained"] = run.Result is not null,
        ["test-accuracy"] = run.Result?.TestAccuracy,
        ["wall-seconds"] = run.Result is { } r ? Math.Round(r.Elapsed.TotalSeconds, 3) : null,
        ["steps"] = run.Result?.Steps,
    };

    private static string Accuracy(FaultRun run) =>
        run.Result is null ? "n/a (taken from a checkpoint)" : run.Result.TestAccuracy?.ToString("P2", CultureInfo.InvariantCulture) ?? "n/a";

    private static string Wall(FaultRun run) =>
        run.Result is { } r ? $"{r.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s" : "n/a (taken from a checkpoint)";

    private static string Ms(TimeSpan? t) => t is { } d ? $"{d.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)} ms" : "-";

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);
}
