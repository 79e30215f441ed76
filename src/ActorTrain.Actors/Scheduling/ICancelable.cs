namespace ActorTrain.Actors;

/// <summary>A handle to scheduled work.</summary>
public interface ICancelable
{
    bool IsCancellationRequested { get; }

    /// <summary>Stops further runs. A run already under way on another thread may still finish.</summary>
    void Cancel();
}
