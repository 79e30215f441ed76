namespace ActorTrain.TestKit;

/// <summary>A <see cref="TestProbe"/> expectation was not met.</summary>
public sealed class ExpectationFailedException(string message) : Exception(message);
