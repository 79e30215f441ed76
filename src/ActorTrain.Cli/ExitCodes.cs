namespace ActorTrain.Cli;

/// <summary>The exit codes every command shares (see the design's "Command line").</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>Stopped by SIGINT (Ctrl-C) after writing a checkpoint: 128 + 2, as a shell reports it.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM after writing a checkpoint: 128 + 15.</summary>
    public const int Terminated = 143;
}
