namespace ActorTrain.Config.Hocon;

/// <summary>A resolved configuration value: no substitutions, includes or merges left. Immutable.</summary>
public abstract class HoconValue
{
    private protected HoconValue(HoconOrigin origin) => Origin = origin;

    /// <summary>Where the value was written (for a substituted value, where its target was written).</summary>
    public HoconOrigin Origin { get; }

    public abstract HoconValueType Type { get; }

    /// <summary>How the value is named in messages: "number 12", "string \"abc\"", "object", "array of 3".</summary>
    public abstract string Describe();
}
