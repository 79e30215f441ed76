namespace ActorTrain.Config;

/// <summary>Every problem validation found, reported at once so a user fixes them in one pass.</summary>
public sealed class ConfigValidationException : ConfigErrorException
{
    public ConfigValidationException(IReadOnlyList<ConfigError> errors)
        : base(Summarize(errors)) => Errors = errors;

    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Summarize(IReadOnlyList<ConfigError> errors) =>
        $"{errors.Count} problem{(errors.Count == 1 ? "" : "s")} in the configuration:\n" +
        string.Join('\n', errors.Select(e => "  " + e));
}
