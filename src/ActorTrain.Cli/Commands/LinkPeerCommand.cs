using System.Globalization;
using ActorTrain.Cli.Bench;

namespace ActorTrain.Cli.Commands;

/// <summary>
/// `actortrain bench-link-peer PORT ROUNDS SIZE...`: the second process of `bench cluster`'s link figures (see
/// <see cref="LinkEcho"/>). Hidden from the usage: only the bench starts it.
/// </summary>
internal sealed class LinkPeerCommand : ICommand
{
    public string Name => LinkProbe.LinkPeerCommandName;
    public string Summary => "the echo peer of bench cluster (started by the bench)";
    public string Help => "usage: actortrain bench-link-peer STORE-PORT ROUNDS SIZE-BYTES... (started by `actortrain bench cluster`)\n";

    public int Run(string[] args)
    {
        var numbers = args.Select(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new UsageException($"'{a}' is not a positive whole number.")).ToArray();
        if (numbers.Length < 3) throw new UsageException("expected STORE-PORT ROUNDS SIZE-BYTES...");
        LinkEcho.Serve(numbers[0], numbers[1], numbers[2..]);
        return ExitCodes.Ok;
    }
}
