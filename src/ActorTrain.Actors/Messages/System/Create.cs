namespace ActorTrain.Actors;

/// <summary>Construct the actor and run <c>PreStart</c>; always the first message a cell processes.</summary>
internal sealed record Create : SystemMessage
{
    public static Create Instance { get; } = new();
}
