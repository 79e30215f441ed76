using ActorTrain.Cli.Commands;

namespace ActorTrain.Cli;

/// <summary>Every sub-command, in the order `--help` lists them.</summary>
internal static class CommandCatalog
{
    public static readonly IReadOnlyList<ICommand> All =
    [
        new ConfigCommand(),
        new TrainCommand(),
        new NodeCommand(),
        new BenchCommand(),
        new FaultsCommand(),
    ];

    /// <summary>Commands one `actortrain` starts in another (a bench's peer): runnable, never listed.</summary>
    public static readonly IReadOnlyList<ICommand> Hidden = [new LinkPeerCommand()];
}
