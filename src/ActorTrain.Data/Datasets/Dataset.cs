namespace ActorTrain.Data.Datasets;

/// <summary>A training and a test split with the same image shape and classes, and the normalization computed from the training split.</summary>
public sealed class Dataset
{
    public Dataset(string name, LabeledImages train, LabeledImages test)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.Rows != test.Rows || train.Columns != test.Columns || train.ClassCount != test.ClassCount)
            throw new ArgumentException(
                $"{name}: train is {train.Rows}x{train.Columns} with {train.ClassCount} classes, test is {test.Rows}x{test.Columns} with {test.ClassCount}; they must match.");
        Name = name;
        Train = train;
        Test = test;
        Normalization = Normalization.Of(train);
    }

    /// <summary>e.g. "fashion-mnist", "emnist-balanced", "synthetic".</summary>
    public string Name { get; }
    public LabeledImages Train { get; }
    public LabeledImages Test { get; }
    public Normalization Normalization { get; }
    public int Rows => Train.Rows;
    public int Columns => Train.Columns;
    public int FeatureCount => Train.FeatureCount;
    public int ClassCount => Train.ClassCount;
}
