namespace ActorTrain.TestKit;

/// <summary>Files of the checkout the tests run from (found by walking up from the test binaries to ActorTrain.sln).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootDir = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorTrain.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no ActorTrain.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => RootDir.Value;

    public static string Hocon(string name) => Path.Combine(Root, "hocon", name);
}
