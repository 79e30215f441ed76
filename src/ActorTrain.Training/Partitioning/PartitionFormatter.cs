using System.Globalization;

namespace ActorTrain.Training.Partitioning;

/// <summary>
/// Renders a partition as a plain-text table, one string per line, for the train command to print
/// before training starts (so a user sees where the cuts fell and which stage is the bottleneck).
/// </summary>
internal static class PartitionFormatter
{
    private static readonly string[] Header = ["stage", "layers", "parameters", "compute ms", "boundary bytes", "cost ms"];

    /// <summary>
    /// The header and one row per stage, e.g.
    /// <code>
    /// stage  layers                    parameters  compute ms  boundary bytes  cost ms
    ///     0  0-2 (linear,relu,linear)     803,840        3.10          65,536     3.36
    ///     1  3-4 (relu,linear)             10,250        1.20               -     1.20
    /// </code>
    /// The last stage sends nothing on, so its boundary shows "-".
    /// </summary>
    public static IReadOnlyList<string> Format(Partition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var rows = new List<string[]> { Header };
        rows.AddRange(partition.Stages.Select(stage => new[]
        {
            Number(stage.Index, "D"),
            Layers(stage.Range, partition.Layers),
            Number(stage.Parameters, "N0"),
            Number(stage.ComputeMs, "F2"),
            stage.Index == partition.Stages.Count - 1 ? "-" : Number(stage.BoundaryBytes, "N0"),
            Number(stage.CostMs, "F2"),
        }));

        var widths = Enumerable.Range(0, Header.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        return rows
            .Select(row => string.Join("  ", row.Select((cell, column) =>
                column == 1 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]))).TrimEnd())
            .ToArray();
    }

    private static string Layers(StageRange range, IReadOnlyList<LayerCost> layers)
    {
        var span = range.LayerCount == 1
            ? Number(range.FirstLayer, "D")
            : $"{Number(range.FirstLayer, "D")}-{Number(range.LastLayer, "D")}";
        var names = Enumerable.Range(range.FirstLayer, range.LayerCount).Select(layer => layers[layer].Name);
        return $"{span} ({string.Join(",", names)})";
    }

    private static string Number<T>(T value, string format)
        where T : IFormattable => value.ToString(format, CultureInfo.InvariantCulture);
}
