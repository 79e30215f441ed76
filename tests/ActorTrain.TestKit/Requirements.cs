namespace ActorTrain.TestKit;

/// <summary>What a test may need from the machine, each as the reason it is missing (null when present).</summary>
public static class Requirements
{
    private static readonly string[] FashionMnistFiles =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    private static readonly Lazy<string?> Torch = new(() =>
        ActorTrain.Torch.Torch.TryLoad(out var reason) ? null : $"libtorch shim not available: {reason}");

    private static readonly Lazy<string?> FashionMnist = new(() =>
    {
        var dir = Data.Datasets.DatasetCatalog.FashionMnistDirectory;
        var missing = FashionMnistFiles.Where(f => !File.Exists(Path.Combine(dir, f))).ToList();
        return missing.Count == 0 ? null
            : $"Fashion-MNIST not installed ({string.Join(", ", missing)} missing in {dir}; ./build.sh setup installs it)";
    });

    public static string? MissingTorch => Torch.Value;
    public static string? MissingFashionMnist => FashionMnist.Value;
}
