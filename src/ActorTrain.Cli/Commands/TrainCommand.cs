using System.Globalization;
using ActorTrain.Cli.Training;
using ActorTrain.Config.Settings;
using ActorTrain.Data;
using ActorTrain.Data.Datasets;
using ActorTrain.Profiling;
using ActorTrain.Training.Links;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Runs;
using ActorTrain.Training.Supervision;
using Spectre.Console;

namespace ActorTrain.Cli.Commands;

/// <summary>`actortrain train`: the main job, from configuration to a trained, checkpointed model.</summary>
internal sealed class TrainCommand : ICommand
{
    public string Name => "train";
    public string Summary => "train a model: a pipeline of stage actors (sync, or async without flush), decoupled stages, IST or data parallel";

    public string Help =>
        "usage: actortrain train --config FILE [--set key=value ...] [--profile DIR] [--resume DIR]\n\n" +
        "Trains the configured model (see hocon/reference.conf for every key) and writes a run directory\n" +
        "run.output-dir/run.name-TIMESTAMP with the resolved configuration (config.conf), the log as JSON lines\n" +
        "(train.log.jsonl) and checkpoints (checkpoints/step-N, every run.checkpoint-every steps and at the end).\n" +
        "run.mode (or mode-plan) picks sync, async, decoupled, ist or dp; hocon/ has one example job for each.\n\n" +
        "options:\n" +
        "  --config FILE   HOCON file overlaid on the reference configuration\n" +
        "  --set k=v       override one key, e.g. --set pipeline.micro-batches=8 (repeatable; applied last)\n" +
        "  --profile DIR   record spans and write trace.json (Perfetto), summary.json and report.html to DIR\n" +
        "  --resume DIR    continue from a checkpoint directory, or from the newest checkpoint of a run directory\n\n" +
        "exit codes: 0 trained, 2 bad configuration or input (nothing trained), 1 failure while training.\n";

    public int Run(string[] args)
    {
        var a = new ArgReader(args, ["--config", "--set", "--profile", "--resume"], []);
        if (a.Positional.Count > 0) throw new UsageException($"unexpected argument '{a.Positional[0]}'.");
        var (config, settings) = SettingsInput.Load(a.Value("--config"), a.Values("--set"));
        var resume = a.Value("--resume");
        if (resume is not null && !Directory.Exists(resume)) throw new UsageException($"--resume {resume}: no such directory.");
        ModeDispatch.Check(settings);

        Dataset dataset;
        try
        {
            dataset = DatasetCatalog.Load(OptionsMapping.Dataset(settings.Data));
        }
        catch (Exception e) when (e is DataFormatException or DatasetException or IOException)
        {
            throw new UsageException($"data: {e.Message}");
        }

        TrainingOptions options;
        try
        {
            options = OptionsMapping.Training(settings, dataset, runDirectory: null, resume);
        }
        catch (ModelSpecException e)
        {
            throw new UsageException(e.Message);
        }
        ModeDispatch.CheckRequirements(settings, options, dataset);

        var runDirectory = CreateRunDirectory(settings.Run.OutputDir, settings.Run.Name);
        File.WriteAllText(Path.Combine(runDirectory, "config.conf"), config.ToHocon());
        options = options with { RunDirectory = runDirectory };

        var profileDir = a.Value("--profile") ?? (settings.Profiling.Enabled
            ? (settings.Profiling.Dir.Length > 0 ? settings.Profiling.Dir : Path.Combine(runDirectory, "profile"))
            : null);
        using var logging = new RunLogging(settings.Logging, runDirectory);
        if (settings.Cluster.Enabled) return ClusterTrain.Run(settings, config, options, dataset, logging, runDirectory);
        var resumeCommand = ResumeCommand(a.Value("--config"), a.Values("--set"), a.Value("--profile"), runDirectory);
        return Train(settings, options, dataset, logging, profileDir, runDirectory, resumeCommand);
    }

    private static int Train(ActorTrainSettings settings, TrainingOptions options, Dataset dataset, RunLogging logging, string? profileDir,
        string runDirectory, string resumeCommand)
    {
        var log = logging.Logger;
        var clock = TimeProvider.System;
        var profiler = profileDir is null ? null : new Profiler(clock);
        // Akka's own events go to the same Serilog pipeline (Akka.Logger.Serilog reads the global logger).
        Serilog.Log.Logger = log;
        var system = ProcessActorSystem.Start(akkaHocon: "");
        var environment = new RunEnvironment(system, profiler is null ? null : new LinkFactory([profiler]));
        using var cancel = new CancellationTokenSource();
        using var signals = new InterruptSignals(cancel, settings.Run.InterruptTimeout, message => log.Warning("{Interrupt}", message), code =>
        {
            logging.Dispose();
            Environment.Exit(code);
        });
        log.Information("Run directory {RunDirectory}; {Model} ({Parameters:N0} parameters) on {Dataset} ({Train:N0} train, {Test:N0} test samples)",
            runDirectory, options.Model.Name, options.Model.Parameters, dataset.Name, dataset.Train.Count, dataset.Test.Count);

        TrainingResult? result = null;
        Exception? failure = null;
        IReadOnlyList<EpochFigures> epochs = [];
        // A live progress bar and console log lines tear each other: keep only warnings on the console meanwhile.
        var consoleLevel = logging.ConsoleLevel.MinimumLevel;
        if (AnsiConsole.Profile.Capabilities.Interactive && consoleLevel < Serilog.Events.LogEventLevel.Warning)
            logging.ConsoleLevel.MinimumLevel = Serilog.Events.LogEventLevel.Warning;
        try
        {
            AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var progress = new ConsoleProgress(ctx, options.Epochs, dataset.Train.Count, clock);
                    ITrainingObserver observer = profiler is null ? progress : new CompositeObserver(profiler, progress);
                    try
                    {
                        result = ModeDispatch.RunAsync(settings, options, dataset, observer, log, clock, cancel.Token, environment).GetAwaiter().GetResult();
                    }
                    catch (Exception e)
                    {
                        failure = e;
                    }
                    epochs = progress.Epochs;
                });
        }
        finally
        {
            ProcessActorSystem.Release();
            logging.ConsoleLevel.MinimumLevel = consoleLevel;
            if (profiler is not null && profileDir is not null)
            {
                profiler.WriteTo(profileDir);
                log.Information("Profile written to {ProfileDirectory} (trace.json, summary.json, report.html)", profileDir);
            }
        }

        PrintSummary(epochs, result);
        if (failure is TrainingSetupException setup)
        {
            Console.Error.WriteLine($"actortrain train: {setup.Message}");
            return ExitCodes.BadInput;
        }
        if (failure is not null)
        {
            Console.Error.WriteLine($"actortrain train: training failed: {failure.Message} (log: {Path.Combine(runDirectory, RunLogging.LogFileName)})");
            return ExitCodes.Failure;
        }
        AnsiConsole.WriteLine($"Run directory: {runDirectory}");
        if (result!.CheckpointDirectory is { } ckpt) AnsiConsole.WriteLine($"Checkpoint: {ckpt}");
        if (!result.Interrupted) return ExitCodes.Ok;
        log.Warning("Interrupted after step {Step}; resume with: {ResumeCommand}", result.Steps, resumeCommand);
        // Plain output: the command must reach a terminal, a log or a script whole, never wrapped.
        Console.Out.WriteLine($"Interrupted after step {result.Steps}; resume with:");
        Console.Out.WriteLine(resumeCommand);
        return signals.ExitCode;
    }

    /// <summary>The command that continues this run: the same configuration and overrides, resuming from its run directory.</summary>
    private static string ResumeCommand(string? config, IReadOnlyList<string> sets, string? profile, string runDirectory)
    {
        var words = new List<string> { "actortrain", "train" };
        if (config is not null) words.AddRange(["--config", config]);
        foreach (var set in sets) words.AddRange(["--set", set]);
        if (profile is not null) words.AddRange(["--profile", profile]);
        words.AddRange(["--resume", runDirectory]);
        return string.Join(' ', words.Select(ShellQuote));
    }

    private static string ShellQuote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@+".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";

    private static void PrintSummary(IReadOnlyList<EpochFigures> epochs, TrainingResult? result)
    {
        if (epochs.Count == 0) return;
        var table = new Table().Title("training summary");
        foreach (var c in new[] { "epoch", "samples", "train loss", "test loss", "test accuracy", "samples/s" })
            table.AddColumn(new TableColumn(c).RightAligned());
        foreach (var e in epochs)
            table.AddRow((e.Epoch + 1).ToString(CultureInfo.InvariantCulture), e.Samples.ToString("N0", CultureInfo.InvariantCulture),
                e.MeanLoss.ToString("F4", CultureInfo.InvariantCulture), e.TestLoss?.ToString("F4", CultureInfo.InvariantCulture) ?? "-",
                e.TestAccuracy?.ToString("P2", CultureInfo.InvariantCulture) ?? "-",
                e.SamplesPerSecond(TimeProvider.System).ToString("N0", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        if (result is not null)
            AnsiConsole.WriteLine(FormattableString.Invariant(
                $"{result.Steps} steps, {result.Samples:N0} samples in {result.Elapsed.TotalSeconds:F1} s; final test accuracy {(result.TestAccuracy is { } acc ? acc.ToString("P2", CultureInfo.InvariantCulture) : "n/a")}"));
    }

    private static string CreateRunDirectory(string outputDir, string name)
    {
        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var dir = Path.Combine(outputDir, $"{name}-{stamp}");
        for (var i = 2; Directory.Exists(dir); i++) dir = Path.Combine(outputDir, $"{name}-{stamp}-{i}");
        Directory.CreateDirectory(dir);
        return Path.GetFullPath(dir);
    }
}
