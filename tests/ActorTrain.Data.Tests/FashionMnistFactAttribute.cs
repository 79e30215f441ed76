using ActorTrain.Data.Datasets;

namespace ActorTrain.Data.Tests;

/// <summary>A fact that needs Debian's dataset-fashion-mnist files and is skipped, with the reason, where they are missing.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    private static readonly string[] Files =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    public FashionMnistFactAttribute()
    {
        var missing = Files.Where(f => !File.Exists(Path.Combine(DatasetCatalog.FashionMnistDirectory, f))).ToList();
        if (missing.Count > 0)
            Skip = $"Fashion-MNIST not installed ({string.Join(", ", missing)} missing in {DatasetCatalog.FashionMnistDirectory}; ./build.sh setup installs it)";
    }
}
