using ActorTrain.Config.Settings;

namespace ActorTrain.Training.Policy;

/// <summary>A policy's verdict: train the next epoch in <paramref name="Mode"/>, because of <paramref name="Reason"/>.</summary>
internal sealed record SwitchDecision(TrainingMode Mode, string Reason);
