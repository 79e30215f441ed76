using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ActorTrain.Config;
using ActorTrain.Config.Hocon;
using ActorTrain.Config.Settings;

namespace ActorTrain.Cluster;

/// <summary>
/// What must match between the driver and a worker before they train together: the ActorTrain version and the
/// SHA-256 of the resolved configuration's leaves. <see cref="Lines"/> ("key = value", one per leaf) name the keys
/// that differ when the fingerprints do not. Node-local keys (<see cref="NodeLocalKeys"/>) are left out of both: they
/// may differ between the processes of one run.
/// </summary>
public sealed record ConfigIdentity(string Version, string Fingerprint, string[] Lines)
{
    public static string CurrentVersion { get; } =
        typeof(ConfigIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Keys each process sets for itself, such as the address a worker binds on its own machine.</summary>
    public static IReadOnlyList<string> NodeLocalKeys { get; } = [ClusterSettings.BindHostnameKey, ClusterSettings.LinkBandwidthKey];

    public static ConfigIdentity Of(HoconConfig config)
    {
        var lines = new List<string>();
        Flatten(config.Root, "", lines);
        lines.RemoveAll(l => NodeLocalKeys.Contains(l.Split(" = ", 2)[0], StringComparer.Ordinal));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
        return new ConfigIdentity(CurrentVersion, hash, lines.ToArray());
    }

    /// <summary>The keys whose values differ (or that only one side has), each as "key: here vs there".</summary>
    public IReadOnlyList<string> DifferingKeys(IReadOnlyList<string> otherLines)
    {
        var mine = Split(Lines);
        var theirs = Split(otherLines);
        return mine.Keys.Union(theirs.Keys).Order(StringComparer.Ordinal)
            .Where(k => !mine.TryGetValue(k, out var a) || !theirs.TryGetValue(k, out var b) || a != b)
            .Select(k => $"{k}: driver {Show(mine, k)}, worker {Show(theirs, k)}")
            .ToList();
    }

    private static string Show(Dictionary<string, string> values, string key) => values.TryGetValue(key, out var v) ? v : "(absent)";

    private static Dictionary<string, string> Split(IEnumerable<string> lines) =>
        lines.Select(l => l.Split(" = ", 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    private static void Flatten(HoconValue value, string path, List<string> lines)
    {
        if (value is HoconObject o)
        {
            foreach (var (key, child) in o) Flatten(child, path.Length == 0 ? key : $"{path}.{key}", lines);
            return;
        }
        lines.Add($"{path} = {Render(value)}");
    }

    private static string Render(HoconValue value) => value switch
    {
        HoconScalar s => s.Text,
        HoconArray a => "[" + string.Join(", ", a.Select(Render)) + "]",
        HoconObject o => "{" + string.Join(", ", o.Select(p => $"{p.Key}: {Render(p.Value)}")) + "}",
        _ => value.Describe(),
    };
}
