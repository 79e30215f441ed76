using System.Text.Json.Nodes;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// A bench's figures: one or more tables for people and the same figures as one JSON document for scripts.
/// Figure names are kebab-case with the unit in the name (samples-per-s, ratio, bytes).
/// </summary>
internal sealed class BenchReport(string name)
{
    public string Name { get; } = name;
    public List<BenchTable> Tables { get; } = new();
    public JsonObject Json { get; } = new();
    public List<string> Notes { get; } = new();
}

/// <summary>A titled table; each row is the cells' text in column order.</summary>
internal sealed record BenchTable(string Title, IReadOnlyList<string> Columns, List<IReadOnlyList<string>> Rows);
