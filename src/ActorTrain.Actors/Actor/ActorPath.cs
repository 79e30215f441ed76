namespace ActorTrain.Actors;

/// <summary>
/// Where an actor sits in its system's tree, written <c>actortrain://system/user/parent/child</c>. Paths compare by
/// value: an actor stopped and started again under the same name has the same path but a different ref.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly string _text;

    private ActorPath(string systemName, string name, ActorPath? parent, string text)
    {
        SystemName = systemName;
        Name = name;
        Parent = parent;
        _text = text;
    }

    public string SystemName { get; }

    /// <summary>The last element; empty for the root.</summary>
    public string Name { get; }

    public ActorPath? Parent { get; }

    public static ActorPath Root(string systemName) => new(systemName, "", null, $"actortrain://{systemName}");

    public ActorPath Child(string name) => new(SystemName, name, this, _text + "/" + name);

    /// <summary>Throws unless <paramref name="name"/> can name a user actor: non-empty, no '/', no whitespace, no leading '$'.</summary>
    public static string ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name[0] == '$' || name.Any(c => c == '/' || char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new InvalidActorNameException($"'{name}' is not a valid actor name: use a non-empty name without '/', whitespace or a leading '$'.");
        return name;
    }

    public bool Equals(ActorPath? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    public override string ToString() => _text;
}
