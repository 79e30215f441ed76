using Spectre.Console;

namespace ActorTrain.Cli;

/// <summary>
/// Output that scripts and log files can trust: when stdout is not a terminal, or NO_COLOR is set (https://no-color.org),
/// Spectre.Console writes no escape codes, and when it is not a terminal no line is wrapped at a guessed width either.
/// </summary>
internal static class ScriptConsole
{
    public static bool NoColor => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    public static void Configure()
    {
        var redirected = Console.IsOutputRedirected;
        if (!redirected && !NoColor) return;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        // Spectre assumes 80 columns when it cannot ask a terminal, and wraps every longer line there.
        if (redirected) AnsiConsole.Profile.Width = short.MaxValue;
    }
}
