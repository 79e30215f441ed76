namespace ActorTrain.Training.Supervision;

/// <summary>A stage actor threw; the supervisor fails the run with the first such exception.</summary>
internal sealed record StageFailed(string Stage, Exception Reason);
