namespace ActorTrain.Cluster.Tests;

/// <summary>Compares two checkpoints: the same step, a manifest, the same stage files, each equal byte for byte.</summary>
internal static class StageFiles
{
    public static void AssertIdentical(string expected, string actual)
    {
        Assert.Equal(Path.GetFileName(expected), Path.GetFileName(actual));
        Assert.True(File.Exists(Path.Combine(actual, "manifest.json")));
        var stages = StageNames(expected);
        Assert.NotEmpty(stages);
        Assert.Equal(stages, StageNames(actual));
        foreach (var stage in stages)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, stage)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, stage))),
                $"{stage} differs between {expected} and {actual}");
    }

    private static string[] StageNames(string checkpoint) =>
        Directory.GetFiles(checkpoint, "stage-*.safetensors").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
}
