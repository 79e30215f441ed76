using ActorTrain.Config;
using ActorTrain.Config.Settings;

namespace ActorTrain.Cli.Commands;

/// <summary>Reads `--config FILE` and `--set k=v` into validated settings, or reports every problem (exit code 2).</summary>
internal static class SettingsInput
{
    public static (HoconConfig Config, ActorTrainSettings Settings) Load(string? file, IReadOnlyList<string> sets)
    {
        if (file is not null && !File.Exists(file))
            throw new UsageException($"--config {file}: no such file.");
        try
        {
            var config = ConfigLoader.Load(file, sets);
            return (config, SettingsBinder.Bind(config));
        }
        catch (ConfigValidationException e)
        {
            throw new UsageException($"the configuration has {e.Errors.Count} problem(s):\n  " + string.Join("\n  ", e.Errors));
        }
        catch (ConfigErrorException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
