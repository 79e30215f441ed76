namespace ActorTrain.Training.Observability;

/// <summary>An observer that ignores everything: for runs nobody watches (tests, benchmarks).</summary>
public sealed class NullTrainingObserver : ITrainingObserver
{
    public static NullTrainingObserver Instance { get; } = new();

    private NullTrainingObserver() { }
}
