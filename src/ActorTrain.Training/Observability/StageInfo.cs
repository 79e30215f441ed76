namespace ActorTrain.Training.Observability;

/// <summary>Static facts about one stage, reported once when the run starts (and again after a mode switch).</summary>
public sealed record StageInfo(int Stage, string Layers, long Parameters, string Device, int Threads);
