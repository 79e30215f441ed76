namespace ActorTrain.Actors;

/// <summary>Replies with a conventional meaning for <c>Ask</c>: a <see cref="Failure"/> reply faults the ask with its cause.</summary>
public static class Status
{
    public sealed record Success(object? Value);

    public sealed record Failure(Exception Cause);
}
