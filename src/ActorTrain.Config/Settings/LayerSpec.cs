using System.Globalization;

namespace ActorTrain.Config.Settings;

/// <summary>One layer of a custom model (`model.layers`), read from a string such as "linear 1024 nobias" or "conv 32 3".</summary>
/// <param name="Text">The string as written, for messages.</param>
public sealed record LayerSpec(LayerKind Kind, string Text)
{
    public const string Grammar =
        "a layer: \"linear N [nobias]\", \"conv C K [nobias]\", \"maxpool K\", \"dropout P\" (0 <= P < 1), " +
        "\"batchnorm [noaffine]\", \"relu\", \"gelu\", \"tanh\", \"sigmoid\" or \"flatten\"";

    /// <summary>Output features of `linear`, output channels of `conv`; 0 for other kinds.</summary>
    public int Units { get; init; }

    /// <summary>Kernel size of `conv`, window of `maxpool`; 0 for other kinds.</summary>
    public int Kernel { get; init; }

    /// <summary>Drop probability of `dropout`.</summary>
    public double Rate { get; init; }

    /// <summary>Whether `linear` or `conv` has a bias (`nobias` removes it).</summary>
    public bool Bias { get; init; } = true;

    /// <summary>Whether `batchnorm` has learnable scale and shift (`noaffine` removes them).</summary>
    public bool Affine { get; init; } = true;

    /// <summary>Parses one layer string; on failure <paramref name="suggestion"/> may hold the nearest layer name.</summary>
    public static bool TryParse(string text, out LayerSpec? spec, out string? suggestion)
    {
        spec = null;
        suggestion = null;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return false;
        if (!EnumNames.TryParse<LayerKind>(words[0], out var kind))
        {
            suggestion = EditDistance.Closest(words[0], EnumNames.All<LayerKind>());
            return false;
        }
        var args = words[1..];
        var basic = new LayerSpec(kind, text);
        spec = kind switch
        {
            LayerKind.Linear when args.Length is 1 or 2 && Positive(args[0]) is { } n && Flag(args, 1, "nobias") is { } noBias =>
                basic with { Units = n, Bias = !noBias },
            LayerKind.Conv when args.Length is 2 or 3 && Positive(args[0]) is { } c && Positive(args[1]) is { } k && Flag(args, 2, "nobias") is { } noBias =>
                basic with { Units = c, Kernel = k, Bias = !noBias },
            LayerKind.MaxPool when args.Length == 1 && Positive(args[0]) is { } k => basic with { Kernel = k },
            LayerKind.Dropout when args.Length == 1 && Probability(args[0]) is { } p => basic with { Rate = p },
            LayerKind.BatchNorm when args.Length <= 1 && Flag(args, 0, "noaffine") is { } noAffine => basic with { Affine = !noAffine },
            LayerKind.Relu or LayerKind.Gelu or LayerKind.Tanh or LayerKind.Sigmoid or LayerKind.Flatten when args.Length == 0 => basic,
            _ => null,
        };
        return spec is not null;
    }

    private static int? Positive(string word) =>
        int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static double? Probability(string word) =>
        double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and < 1 ? p : null;

    /// <summary>True when the optional word at <paramref name="index"/> is <paramref name="flag"/>, false when absent, null when it is something else.</summary>
    private static bool? Flag(string[] args, int index, string flag) =>
        index >= args.Length ? false : args[index] == flag ? true : null;
}
