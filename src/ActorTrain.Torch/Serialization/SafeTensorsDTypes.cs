namespace ActorTrain.Torch.Serialization;

/// <summary>The safetensors spelling of each <see cref="ScalarType"/> ("F32", "I64", ...).</summary>
internal static class SafeTensorsDTypes
{
    public static string Name(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.UInt8 => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no safetensors dtype for this scalar type"),
    };

    public static bool TryParse(string name, out ScalarType type)
    {
        switch (name)
        {
            case "F32": type = ScalarType.Float32; return true;
            case "F64": type = ScalarType.Float64; return true;
            case "I64": type = ScalarType.Int64; return true;
            case "I32": type = ScalarType.Int32; return true;
            case "U8": type = ScalarType.UInt8; return true;
            case "BOOL": type = ScalarType.Bool; return true;
            default: type = default; return false;
        }
    }
}
