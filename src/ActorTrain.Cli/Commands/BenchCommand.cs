using System.Text.Json;
using ActorTrain.Cli.Bench;
using ActorTrain.Cli.Training;
using Spectre.Console;

namespace ActorTrain.Cli.Commands;

/// <summary>`actortrain bench NAME [--json] [--quick] [--seeds N]`: whole-run figures as a table, or as JSON on stdout.</summary>
internal sealed class BenchCommand : ICommand
{
    public string Name => "bench";
    public string Summary => "run a benchmark and print its figures";

    public string Help =>
        "usage: actortrain bench NAME [--json] [--quick] [--set key=N ...] [--seeds N]\n\n" +
        "benchmarks:\n" + string.Join('\n', BenchCatalog.All.Select(b => $"  {b.Name,-10} {b.Summary}")) + "\n\n" +
        "options:\n" +
        "  --json    print one JSON document with the figures on standard output (progress goes to stderr)\n" +
        "  --quick   a much shorter run (for smoke tests); figures are not representative\n" +
        "  --set k=N run sizes of bench compute: steps, warmup, rounds, threads, batch (other benches refuse it)\n" +
        "  --seeds N bench seeds only: seeds per configuration (default 3, at least 2)\n";

    public int Run(string[] args)
    {
        var reader = new ArgReader(args, ["--set", "--seeds"], ["--json", "--quick"]);
        if (reader.Positional.Count != 1) throw new UsageException("name one benchmark: " + string.Join(", ", BenchCatalog.All.Select(b => b.Name)) + ".");
        var bench = BenchCatalog.All.FirstOrDefault(b => b.Name == reader.Positional[0])
            ?? throw new UsageException($"unknown benchmark '{reader.Positional[0]}'; known: {string.Join(", ", BenchCatalog.All.Select(b => b.Name))}.");

        var json = reader.Flag("--json");
        int? seeds = null;
        if (reader.Value("--seeds") is { } text)
        {
            if (bench is not SeedsBench) throw new UsageException($"--seeds belongs to bench seeds, not bench {bench.Name}.");
            seeds = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 2
                ? n : throw new UsageException($"--seeds {text}: expected a whole number of at least 2.");
        }
        BenchReport report;
        ProcessActorSystem.Start("");
        try
        {
            report = bench.Run(new BenchOptions(reader.Flag("--quick"), reader.Values("--set"), seeds), line => Console.Error.WriteLine(line));
        }
        finally
        {
            ProcessActorSystem.Release();
        }
        if (json)
        {
            report.Json["bench"] = report.Name;
            Console.Out.WriteLine(report.Json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            Print(report);
        }
        return ExitCodes.Ok;
    }

    private static void Print(BenchReport report)
    {
        foreach (var t in report.Tables)
        {
            var table = new Table().Title(Markup.Escape(t.Title));
            foreach (var c in t.Columns) table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
            foreach (var r in t.Rows) table.AddRow(r.Select(Markup.Escape).ToArray());
            AnsiConsole.Write(table);
        }
        foreach (var n in report.Notes) AnsiConsole.WriteLine(n);
    }
}
