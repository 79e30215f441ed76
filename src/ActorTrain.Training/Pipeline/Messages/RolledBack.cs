namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>A stage is back at the snapshot of <paramref name="Step"/>, on links of <paramref name="Generation"/>, and ready to replay.</summary>
internal sealed record RolledBack(int Stage, long Step, long Generation);
