namespace ActorTrain.Config.Hocon;

/// <summary>The JSON type system HOCON keeps.</summary>
public enum HoconValueType
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}
