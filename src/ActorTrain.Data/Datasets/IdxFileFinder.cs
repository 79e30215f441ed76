namespace ActorTrain.Data.Datasets;

/// <summary>
/// Finds an IDX file under the names it is distributed with: the LeCun name raw or gzipped
/// (train-images-idx3-ubyte[.gz]), the dotted variant some mirrors use (train-images.idx3-ubyte),
/// directly in the directory or in the gzip/ folder that EMNIST's archive unpacks to.
/// </summary>
internal static class IdxFileFinder
{
    public static string Find(string splitName, string directory, string stem)
    {
        var dotted = stem.Replace("-images-idx3", "-images.idx3", StringComparison.Ordinal)
                         .Replace("-labels-idx1", "-labels.idx1", StringComparison.Ordinal);
        foreach (var folder in new[] { directory, Path.Combine(directory, "gzip") })
        {
            foreach (var name in new[] { stem, stem + ".gz", dotted, dotted + ".gz" })
            {
                var path = Path.Combine(folder, name);
                if (File.Exists(path)) return path;
            }
        }
        throw new DatasetException($"{splitName}: neither {stem} nor {stem}.gz found in {directory}");
    }
}
