namespace ActorTrain.Cli.Commands;

/// <summary>Reads `--name value`, repeated `--set k=v` and boolean `--flag` options; anything else is a usage error.</summary>
internal sealed class ArgReader
{
    private readonly Dictionary<string, List<string>> _values = new();
    private readonly HashSet<string> _flags = new();
    public IReadOnlyList<string> Positional { get; }

    public ArgReader(string[] args, IEnumerable<string> valueOptions, IEnumerable<string> flagOptions)
    {
        var valued = valueOptions.ToHashSet();
        var flags = flagOptions.ToHashSet();
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (valued.Contains(a))
            {
                if (i + 1 >= args.Length) throw new UsageException($"option {a} needs a value.");
                if (!_values.TryGetValue(a, out var list)) _values[a] = list = new List<string>();
                list.Add(args[++i]);
            }
            else if (flags.Contains(a)) _flags.Add(a);
            else if (a.StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"unknown option {a}.");
            else positional.Add(a);
        }
        Positional = positional;
    }

    public string? Value(string option) => _values.TryGetValue(option, out var l) ? l[^1] : null;
    public IReadOnlyList<string> Values(string option) => _values.TryGetValue(option, out var l) ? l : [];
    public bool Flag(string option) => _flags.Contains(option);
}
