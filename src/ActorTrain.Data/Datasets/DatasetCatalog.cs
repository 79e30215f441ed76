namespace ActorTrain.Data.Datasets;

/// <summary>Every dataset ActorTrain can train on, by name; <see cref="Load"/> is the one way to get a <see cref="Dataset"/>.</summary>
public static class DatasetCatalog
{
    public const string FashionMnist = "fashion-mnist";
    public const string Mnist = "mnist";
    public const string Emnist = "emnist";
    public const string Synthetic = SyntheticDataset.Name;

    /// <summary>Where Debian's dataset-fashion-mnist package installs the files.</summary>
    public const string FashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    public static IReadOnlyList<string> Names { get; } = [FashionMnist, Mnist, Emnist, Synthetic];
    public static IReadOnlyList<string> EmnistSplits { get; } = EmnistLayouts.Names;

    private static readonly IdxLayout MnistLayout = new("train", "t10k", ClassCount: 10);

    /// <summary>Loads and checks a dataset. Throws <see cref="DatasetException"/> (or its <see cref="DataFormatException"/>) for any bad request or file.</summary>
    public static Dataset Load(DatasetRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TrainLimit < 0 || request.TestLimit < 0)
            throw new DatasetException($"{request.Name}: limits must be 0 (all) or positive, got train {request.TrainLimit}, test {request.TestLimit}");
        return request.Name switch
        {
            FashionMnist => IdxDatasetLoader.Load(FashionMnist, request.Path ?? FashionMnistDirectory, MnistLayout, request,
                request.Path is null ? " (install Debian's dataset-fashion-mnist: ./build.sh setup)" : ""),
            Mnist => IdxDatasetLoader.Load(Mnist, RequirePath(request, "train-images-idx3-ubyte(.gz)"), MnistLayout, request, ""),
            Emnist => LoadEmnist(request),
            Synthetic => SyntheticDataset.Create(request),
            _ => throw new DatasetException($"unknown dataset '{request.Name}'; known: {string.Join(", ", Names)}"),
        };
    }

    private static Dataset LoadEmnist(DatasetRequest request)
    {
        var layout = EmnistLayouts.Layout(request.EmnistSplit)
            ?? throw new DatasetException($"unknown EMNIST split '{request.EmnistSplit}'; known: {string.Join(", ", EmnistSplits)}");
        var directory = RequirePath(request, $"{layout.ImagesFile(layout.TrainStem)}(.gz)");
        return IdxDatasetLoader.Load($"{Emnist}-{request.EmnistSplit}", directory, layout, request, "");
    }

    private static string RequirePath(DatasetRequest request, string example) =>
        request.Path ?? throw new DatasetException(
            $"{request.Name} has no default location: give the directory that holds {example} and the other IDX files (actortrain.data.path)");
}
