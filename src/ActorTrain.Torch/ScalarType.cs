namespace ActorTrain.Torch;

/// <summary>Element types. The values are c10::ScalarType codes, which the shim passes straight to libtorch.</summary>
public enum ScalarType
{
    UInt8 = 0,
    Int32 = 3,
    Int64 = 4,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
}
