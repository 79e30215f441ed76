namespace ActorTrain.Config.Hocon;

/// <summary>Where a value or an error comes from: a file (or another source such as `--set`), a line and a column, both 1-based.</summary>
public readonly record struct HoconOrigin(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
