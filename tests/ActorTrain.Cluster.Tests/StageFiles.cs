namespace ActorTrain.Cluster.Tests;

/// <summary>Compares two checkpoints of a 2-stage run: the same step, a manifest, and both stage files equal byte for byte.</summary>
internal static class StageFiles
{
    public static void AssertIdentical(string expected, string actual)
    {
        Assert.Equal(Path.GetFileName(expected), Path.GetFileName(actual));
        Assert.True(File.Exists(Path.Combine(actual, "manifest.json")));
        foreach (var stage in new[] { "stage-0.safetensors", "stage-1.safetensors" })
            Assert.True(File.ReadAllBytes(Path.Combine(expected, stage)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, stage))),
                $"{stage} differs between {expected} and {actual}");
    }
}
