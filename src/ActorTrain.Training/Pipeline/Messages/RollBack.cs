namespace ActorTrain.Training.Pipeline.Messages;

/// <summary>
/// Drop everything of the steps in flight, restore the snapshot taken before step <paramref name="ToStep"/>, and take
/// <paramref name="Wiring"/>'s links, of link generation <paramref name="Generation"/> (frames still on their way from
/// before are stale). Answered with <see cref="RolledBack"/>.
/// </summary>
internal sealed record RollBack(long ToStep, long Generation, WireStage Wiring);
