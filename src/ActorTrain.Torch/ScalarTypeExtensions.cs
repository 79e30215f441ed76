namespace ActorTrain.Torch;

/// <summary>Sizes and names of <see cref="ScalarType"/> values.</summary>
public static class ScalarTypeExtensions
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this ScalarType type) => type switch
    {
        ScalarType.UInt8 or ScalarType.Bool => 1,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown scalar type"),
    };

    /// <summary>True for the floating-point types, the only ones that can require gradients.</summary>
    public static bool IsFloatingPoint(this ScalarType type) => type is ScalarType.Float32 or ScalarType.Float64;
}
