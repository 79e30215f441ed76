namespace ActorTrain.Training.Checkpoints;

/// <summary>
/// One setting in which a resumed run would differ from its checkpoint. With a <see cref="Remedy"/> the run is refused
/// (it would train something other than the continuation asked for); without one the asked value is applied and logged.
/// </summary>
public sealed record ResumeDifference(string Key, string Saved, string Asked, string? Remedy = null)
{
    public bool Refused => Remedy is not null;

    public override string ToString() =>
        $"{Key}: checkpoint {Saved}, asked {Asked}" + (Remedy is null ? "" : $"; {Remedy}");
}
