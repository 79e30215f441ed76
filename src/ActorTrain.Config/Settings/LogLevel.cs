namespace ActorTrain.Config.Settings;

/// <summary>The least severe log events written.</summary>
public enum LogLevel
{
    Verbose,
    Debug,
    Information,
    Warning,
    Error,
}
