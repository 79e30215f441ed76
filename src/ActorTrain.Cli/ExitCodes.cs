namespace ActorTrain.Cli;

/// <summary>The exit codes every command shares (see the design's "Command line").</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
