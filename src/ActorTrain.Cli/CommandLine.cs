namespace ActorTrain.Cli;

/// <summary>Dispatches `actortrain COMMAND ...` and turns failures into the documented exit codes.</summary>
internal static class CommandLine
{
    public static int Run(string[] args)
    {
        ScriptConsole.Configure();
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            Console.Out.Write(Usage());
            return args.Length == 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        }

        var command = CommandCatalog.All.Concat(CommandCatalog.Hidden).FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            Console.Error.WriteLine($"actortrain: unknown command '{args[0]}'.");
            Console.Error.Write(Usage());
            return ExitCodes.BadInput;
        }

        var rest = args[1..];
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            Console.Out.Write(command.Help);
            return ExitCodes.Ok;
        }

        try
        {
            return command.Run(rest);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"actortrain {command.Name}: {e.Message}");
            Console.Error.WriteLine($"Run 'actortrain {command.Name} --help' for usage.");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            // Anything else is a failure while running: say what broke, no stack trace for the user.
            Console.Error.WriteLine($"actortrain {command.Name}: failed: {e.Message}");
            return ExitCodes.Failure;
        }

    }

    private static string Usage()
    {
        var lines = CommandCatalog.All.Select(c => $"  {c.Name,-8} {c.Summary}");
        return "usage: actortrain COMMAND [options]\n\ncommands:\n" + string.Join('\n', lines) +
               "\n\n'actortrain COMMAND --help' describes a command.\n" +
               "exit codes: 0 ok, 2 bad configuration or input, 1 failure while running, 130/143 train interrupted\n" +
               "by SIGINT/SIGTERM after writing a checkpoint.\n";
    }
}
