namespace ActorTrain.Data.Datasets;

/// <summary>
/// How one IDX dataset is stored: the file name stems of its splits, the image side, the classes, the label the files
/// start counting at (EMNIST letters store 1..26), and whether images are stored transposed (EMNIST).
/// </summary>
internal sealed record IdxLayout(string TrainStem, string TestStem, int ClassCount, int FirstLabel = 0, bool Transposed = false)
{
    public const int ImageSide = 28;

    public string ImagesFile(string stem) => stem + "-images-idx3-ubyte";
    public string LabelsFile(string stem) => stem + "-labels-idx1-ubyte";
}
