using ActorTrain.Data.Idx;

namespace ActorTrain.Data.Datasets;

/// <summary>Loads an MNIST-family dataset from a directory of IDX files and checks that the files belong together.</summary>
internal static class IdxDatasetLoader
{
    public static Dataset Load(string name, string directory, IdxLayout layout, DatasetRequest request, string missingHint)
    {
        if (!Directory.Exists(directory))
            throw new DatasetException($"{name}: directory {directory} not found{missingHint}");
        var train = LoadSplit(name + "/train", directory, layout.TrainStem, layout, request.TrainLimit);
        var test = LoadSplit(name + "/test", directory, layout.TestStem, layout, request.TestLimit);
        return new Dataset(name, train, test);
    }

    private static LabeledImages LoadSplit(string splitName, string directory, string stem, IdxLayout layout, int limit)
    {
        var imagesPath = IdxFileFinder.Find(splitName, directory, layout.ImagesFile(stem));
        var labelsPath = IdxFileFinder.Find(splitName, directory, layout.LabelsFile(stem));
        var images = IdxReader.ReadImages(imagesPath);
        var rawLabels = IdxReader.ReadLabels(labelsPath);

        if (images.Rows != IdxLayout.ImageSide || images.Columns != IdxLayout.ImageSide)
            throw new DataFormatException(imagesPath, $"images are {images.Rows}x{images.Columns}, expected {IdxLayout.ImageSide}x{IdxLayout.ImageSide}");
        if (rawLabels.Length != images.Count)
            throw new DataFormatException(labelsPath, $"{rawLabels.Length} labels, expected {images.Count} (the image count of {imagesPath})");
        CheckLabelRange(labelsPath, rawLabels, layout);

        var count = limit > 0 ? Math.Min(limit, images.Count) : images.Count;
        var features = images.Rows * images.Columns;
        var pixels = count == images.Count ? images.Pixels : images.Pixels.AsSpan(0, count * features).ToArray();
        if (layout.Transposed) TransposeEach(pixels, count, images.Rows);
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = rawLabels[i] - layout.FirstLabel;
        return new LabeledImages(splitName, pixels, labels, images.Rows, images.Columns, layout.ClassCount);
    }

    private static void CheckLabelRange(string labelsPath, byte[] labels, IdxLayout layout)
    {
        var first = layout.FirstLabel;
        var last = first + layout.ClassCount - 1;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] < first || labels[i] > last)
                throw new DataFormatException(labelsPath, $"label {labels[i]} at index {i} is outside {first}..{last} ({layout.ClassCount} classes)");
        }
    }

    /// <summary>EMNIST stores every image column-major; transposing in place makes it upright like MNIST.</summary>
    private static void TransposeEach(byte[] pixels, int count, int side)
    {
        for (var n = 0; n < count; n++)
        {
            var image = pixels.AsSpan(n * side * side, side * side);
            for (var r = 0; r < side; r++)
            {
                for (var c = r + 1; c < side; c++)
                    (image[r * side + c], image[c * side + r]) = (image[c * side + r], image[r * side + c]);
            }
        }
    }
}
