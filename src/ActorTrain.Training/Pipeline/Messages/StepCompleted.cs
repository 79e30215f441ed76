namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>A stage finished its part of a mini-batch and applied its optimizer step. The last stage adds the loss.</summary>
internal sealed record StepCompleted(int Stage, long Step, double? Loss, int Correct);
