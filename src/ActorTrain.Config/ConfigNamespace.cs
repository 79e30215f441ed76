namespace ActorTrain.Config;

/// <summary>
/// The two top-level sections of a configuration file, as Akka libraries namespace their settings: ActorTrain's keys
/// under `actortrain`, Akka's under `akka`. Akka's section is Akka's to check; anything else at the top level is an error.
/// </summary>
public static class ConfigNamespace
{
    public const string ActorTrain = "actortrain";
    public const string Akka = "akka";

    /// <summary>`actortrain` and `akka`, the only keys a file may hold at its top level.</summary>
    public static IReadOnlyList<string> Names { get; } = [ActorTrain, Akka];

    public static bool IsTopLevel(string key) => key is ActorTrain or Akka;

    /// <summary>The full key of an ActorTrain path: `pipeline.stages` is `actortrain.pipeline.stages`.</summary>
    public static string Qualify(string path) => $"{ActorTrain}.{path}";
}
