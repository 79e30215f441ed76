using ActorTrain.Faults;
using ActorTrain.Training.Hosting;

namespace ActorTrain.Cli.Commands;

/// <summary>
/// One of the two runs of a fault experiment: where it went, how it ended (null: a baseline taken from an earlier run's
/// checkpoint, whose accuracy and wall time this command did not see), what was injected, and the digest of its final weights.
/// </summary>
internal sealed record FaultRun(string Directory, TrainingResult? Result, FaultRecorder Recorder, string WeightDigest);
