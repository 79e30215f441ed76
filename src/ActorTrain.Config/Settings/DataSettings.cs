namespace ActorTrain.Config.Settings;

/// <summary>`data`: which data set, where its IDX files are, and how it is batched.</summary>
/// <param name="Path">The directory with the IDX files as configured; "" means the dataset's default (see <see cref="Directory"/>).</param>
/// <param name="TrainLimit">Use only the first N training samples; 0 = all.</param>
/// <param name="TestLimit">Use only the first N test samples; 0 = all.</param>
public sealed record DataSettings(
    DatasetKind Dataset, string Path, EmnistSplit EmnistSplit, int BatchSize, bool Shuffle, int TrainLimit, int TestLimit,
    SyntheticDataSettings Synthetic)
{
    /// <summary>Where Debian's `dataset-fashion-mnist` package installs the files.</summary>
    public const string FashionMnistDefaultPath = "/usr/share/datasets/fashion-mnist";

    /// <summary>The directory to read: <see cref="Path"/>, or the default for fashion-mnist when it is "". Empty for synthetic data.</summary>
    public string Directory => Path.Length > 0 ? Path : Dataset == DatasetKind.FashionMnist ? FashionMnistDefaultPath : "";

    internal static DataSettings Read(SettingsReader r)
    {
        var settings = new DataSettings(
            r.Choice<DatasetKind>("dataset"),
            r.String("path"),
            r.Choice<EmnistSplit>("emnist-split"),
            r.Int("batch-size", min: 1),
            r.Bool("shuffle"),
            r.Int("train-limit", min: 0),
            r.Int("test-limit", min: 0),
            SyntheticDataSettings.Read(r.Section("synthetic")));
        if (settings.Path.Length == 0 && settings.Dataset is DatasetKind.Mnist or DatasetKind.Emnist && r.Value("path") is { } path)
        {
            var name = EnumNames.Of(settings.Dataset);
            r.Report("path", $"the directory holding the {name} IDX files ({name} has no default location)", path);
        }
        return settings;
    }
}
