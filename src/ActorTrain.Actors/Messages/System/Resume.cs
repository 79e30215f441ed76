namespace ActorTrain.Actors;

/// <summary>Undo one <see cref="Suspend"/>; <paramref name="CausedByFailure"/> is set when it answers this cell's own failure.</summary>
internal sealed record Resume(Exception? CausedByFailure) : SystemMessage;
