namespace ActorTrain.Data.Datasets;

/// <summary>The EMNIST splits (Cohen et al. 2017) as the official IDX files name and label them.</summary>
internal static class EmnistLayouts
{
    public static readonly IReadOnlyList<string> Names = ["balanced", "byclass", "bymerge", "letters", "digits", "mnist"];

    public static IdxLayout? Layout(string split) => split switch
    {
        "balanced" or "bymerge" => Make(split, 47),
        "byclass" => Make(split, 62),
        // Letters has no class 0: the files label a..z as 1..26.
        "letters" => Make(split, 26, firstLabel: 1),
        "digits" or "mnist" => Make(split, 10),
        _ => null,
    };

    private static IdxLayout Make(string split, int classes, int firstLabel = 0) =>
        new($"emnist-{split}-train", $"emnist-{split}-test", classes, firstLabel, Transposed: true);
}
