namespace ActorTrain.Cli.Bench;

/// <summary>Options every bench accepts. <see cref="Quick"/> shrinks the work so tests can run a bench end to end.</summary>
internal sealed record BenchOptions(bool Quick, IReadOnlyList<string> Sets);
