namespace ActorTrain.Training.Decoupled.Messages;

/// <summary>A stage trained on one mini-batch and stepped its optimizer; <paramref name="Loss"/> is its own mean loss.</summary>
internal sealed record BatchTrained(int Stage, int Epoch, long Step, double Loss, int Samples);
