using ActorTrain.Config.Hocon;

namespace ActorTrain.Config;

/// <summary>Reads configuration files, turning I/O failures into configuration errors that name the file.</summary>
internal static class ConfigSource
{
    /// <param name="includedAt">The include statement that asked for the file, if any: errors point there.</param>
    public static string ReadFile(string path, HoconOrigin? includedAt = null)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            throw new ConfigErrorException($"cannot read configuration file \"{path}\": {reason}", includedAt);
        }
    }
}
