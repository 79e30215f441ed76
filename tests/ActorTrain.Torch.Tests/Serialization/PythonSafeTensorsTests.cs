using System.Text.Json;
using ActorTrain.Torch.Serialization;
using static ActorTrain.Torch.Tests.Serialization.SafeTensorsBytes;

namespace ActorTrain.Torch.Tests.Serialization;

/// <summary>Files exchanged with Python's reference <c>safetensors</c> library, in both directions.</summary>
public sealed class PythonSafeTensorsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [PythonSafeTensorsFact]
    public void Python_safetensors_reads_our_files_bit_exactly()
    {
        SafeTensorsEntry[] entries =
        [
            Entry("w", ScalarType.Float32, [2, 2], 1.5f, -0.0f, float.NaN, 1e-40f),
            Entry("d", ScalarType.Float64, [1], Math.PI),
            Entry("i64", ScalarType.Int64, [], long.MinValue),
            Entry("i32", ScalarType.Int32, [2], 1, -2),
            Entry("u8", ScalarType.UInt8, [0], Array.Empty<byte>()),
            Entry("b", ScalarType.Bool, [2], false, true),
        ];
        var path = _dir.File("ours.safetensors");
        SafeTensorsFile.Write(path, entries, new Dictionary<string, string> { ["step"] = "3" });

        var output = PythonSafeTensorsFactAttribute.Run(
            """
            import json, sys
            from safetensors import safe_open
            from safetensors.numpy import load_file
            tensors = load_file(sys.argv[1])
            with safe_open(sys.argv[1], framework="numpy") as f:
                metadata = f.metadata()
            print(json.dumps({"metadata": metadata,
                              "tensors": {k: {"dtype": str(v.dtype), "shape": list(v.shape), "hex": v.tobytes().hex()} for k, v in tensors.items()}}))
            """, path);

        using var json = JsonDocument.Parse(output);
        Assert.Equal("3", json.RootElement.GetProperty("metadata").GetProperty("step").GetString());
        var tensors = json.RootElement.GetProperty("tensors");
        string[] numpyTypes = ["float32", "float64", "int64", "int32", "uint8", "bool"];
        foreach (var (entry, numpyType) in entries.Zip(numpyTypes))
        {
            var t = tensors.GetProperty(entry.Name);
            Assert.Equal(numpyType, t.GetProperty("dtype").GetString());
            Assert.Equal(entry.Shape, t.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
            Assert.Equal(Convert.ToHexStringLower(entry.Data.Span), t.GetProperty("hex").GetString());
        }
    }

    [PythonSafeTensorsFact]
    public void Files_written_by_python_safetensors_load_without_checksums()
    {
        var path = _dir.File("theirs.safetensors");
        PythonSafeTensorsFactAttribute.Run(
            """
            import sys, numpy as np
            from safetensors.numpy import save_file
            save_file({"a": np.arange(6, dtype=np.float32).reshape(2, 3), "b": np.array([7, -1], dtype=np.int64)}, sys.argv[1], metadata={"k": "v"})
            """, path);

        var content = SafeTensorsFile.Read(path, requireChecksum: false);

        Assert.False(content.ChecksumVerified);
        Assert.Equal("v", content.Metadata["k"]);
        Assert.Equal([2L, 3L], content.ByName["a"].Shape);
        Assert.Equal(Entry("a", ScalarType.Float32, [2, 3], 0f, 1f, 2f, 3f, 4f, 5f).Data.ToArray(), content.ByName["a"].Data.ToArray());
        Assert.Equal(Entry("b", ScalarType.Int64, [2], 7L, -1L).Data.ToArray(), content.ByName["b"].Data.ToArray());
    }
}
