using System.Reflection;

namespace ActorTrain.Config.Settings;

/// <summary>The HOCON spelling of each member of a settings enum: its <see cref="ConfigNameAttribute"/>, or its name in lowercase.</summary>
public static class EnumNames
{
    public static string Of<T>(T value) where T : struct, Enum => Cache<T>.Names.First(n => n.Value.Equals(value)).Name;

    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Cache<T>.Names.Select(n => n.Name).ToList();

    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        foreach (var (name, member) in Cache<T>.Names)
        {
            if (name != text) continue;
            value = member;
            return true;
        }
        value = default;
        return false;
    }

    private static class Cache<T> where T : struct, Enum
    {
        public static readonly IReadOnlyList<(string Name, T Value)> Names = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.GetCustomAttribute<ConfigNameAttribute>()?.Name ?? f.Name.ToLowerInvariant(), (T)f.GetValue(null)!))
            .ToList();
    }
}
