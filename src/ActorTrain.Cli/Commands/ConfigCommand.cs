namespace ActorTrain.Cli.Commands;

/// <summary>
/// `actortrain config [--config FILE] [--set k=v ...] [--json] [--origins]`: prints the resolved configuration, or
/// every problem in it (exit code 2), so a user can check a file before starting a run.
/// </summary>
internal sealed class ConfigCommand(TextWriter? output = null) : ICommand
{
    public string Name => "config";
    public string Summary => "print the resolved configuration, or every problem in it";

    public string Help =>
        "usage: actortrain config [--config FILE] [--set path=value ...] [--json] [--origins]\n\n" +
        "Prints the configuration a run would use: reference.conf, overlaid by FILE, overlaid by each --set in order,\n" +
        "with substitutions resolved: ActorTrain's keys under actortrain and Akka's under akka, side by side. Keys\n" +
        "under akka are Akka's to check. If anything is wrong it prints every problem (file:line:column, key, what was\n" +
        "expected, what was found) and exits with code 2.\n\n" +
        "options:\n" +
        "  --config FILE     a HOCON or JSON file; without it, the defaults of reference.conf\n" +
        "  --set path=value  override one key; the value is HOCON ([3,3], \"cuda:0\", 10 s); repeatable. A path\n" +
        "                    outside akka. and actortrain. is ActorTrain's: pipeline.stages=3 sets\n" +
        "                    actortrain.pipeline.stages; akka.loglevel=DEBUG sets Akka's key\n" +
        "  --json            print JSON instead of HOCON\n" +
        "  --origins         follow each value with the file and line that set it (HOCON only)\n";

    public int Run(string[] args)
    {
        var reader = new ArgReader(args, ["--config", "--set"], ["--json", "--origins"]);
        if (reader.Positional.Count > 0) throw new UsageException($"unexpected argument '{reader.Positional[0]}'.");
        var json = reader.Flag("--json");
        if (json && reader.Flag("--origins")) throw new UsageException("--origins cannot be combined with --json (JSON has no comments).");

        var (config, _) = SettingsInput.Load(reader.Value("--config"), reader.Values("--set"));
        (output ?? Console.Out).Write(json ? config.ToJson() : config.ToHocon(reader.Flag("--origins")));
        return ExitCodes.Ok;
    }
}
