namespace ActorTrain.Config.Hocon.Parsing;

/// <summary>Names the field or include just read, for an error about what follows it; rendered only if that error happens.</summary>
internal readonly record struct FieldName(IReadOnlyList<string>? Path, string? Include = null)
{
    public override string ToString() => Path is null ? $"the include of \"{Include}\"" : $"the value of `{HoconPath.Render(Path)}`";
}
