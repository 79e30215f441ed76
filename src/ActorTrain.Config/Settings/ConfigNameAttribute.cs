namespace ActorTrain.Config.Settings;

/// <summary>How an enum member is written in HOCON when that is not simply its name in lowercase (`fashion-mnist`, `1f1b`).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ConfigNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
