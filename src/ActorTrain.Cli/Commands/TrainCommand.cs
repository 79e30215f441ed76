using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ActorTrain.Cli.Training;
using ActorTrain.Config.Settings;
using ActorTrain.Config;
using ActorTrain.Data.Datasets;
using ActorTrain.Data;
using ActorTrain.Faults;
using ActorTrain.Profiling;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.Model;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Options;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Runs;
using Spectre.Console;

namespace ActorTrain.Cli.Commands;

/// <summary>`actortrain train`: the main job, from configuration to a trained, checkpointed model.</summary>
internal sealed class TrainCommand : ICommand
{
    public string Name => "train";
    public string Summary => "train a model: a pipeline of stage actors (sync, or async without flush), decoupled stages, IST or data parallel";

    public string Help =>
        "usage: actortrain train --config FILE [--set key=value ...] [--profile DIR] [--resume DIR]\n\n" +
        "Trains the configured model (see hocon/reference.conf for every key; ActorTrain's keys live under actortrain,\n" +
        "Akka's under akka) and writes a run directory actortrain.run.output-dir/actortrain.run.name-TIMESTAMP with the\n" +
        "whole resolved configuration, akka included (config.conf), the log as JSON lines (train.log.jsonl) and\n" +
        "checkpoints (checkpoints/step-N, every actortrain.run.checkpoint-every steps and at the end).\n" +
        "actortrain.run.mode (or actortrain.mode-plan) picks sync, async, decoupled, ist or dp; hocon/ has one example\n" +
        "job for each.\n\n" +
        "options:\n" +
        "  --config FILE   HOCON file overlaid on the reference configuration\n" +
        "  --set k=v       override one key, e.g. --set actortrain.pipeline.micro-batches=8, or for short\n" +
        "                  --set pipeline.micro-batches=8 (a key outside akka. and actortrain. is ActorTrain's);\n" +
        "                  --set akka.loglevel=DEBUG sets Akka's key (repeatable; applied last)\n" +
        "  --profile DIR   record spans and write trace.json (Perfetto), summary.json and report.html to DIR\n" +
        "                  (a new or empty directory: profiles are never overwritten)\n" +
        "  --resume DIR    continue from a checkpoint directory, or from the newest checkpoint of a run directory;\n" +
        "                  refused if a setting that changes what trains differs from the checkpoint's (see README)\n\n" +
        "Ctrl-C (SIGINT) or SIGTERM: the step in flight finishes, a checkpoint is written and the command that resumes\n" +
        "the run is printed; a third signal, or a drain past actortrain.run.interrupt-timeout, stops at once.\n\n" +
        "exit codes: 0 trained (or nothing left to train), 2 bad configuration or input (nothing trained, no run directory\n" +
        "created), 1 failure while training, 130 interrupted by SIGINT and 143 by SIGTERM (a checkpoint written).\n";

    public int Run(string[] args)
    {
        var a = new ArgReader(args, ["--config", "--set", "--profile", "--resume"], []);
        if (a.Positional.Count > 0) throw new UsageException($"unexpected argument '{a.Positional[0]}'.");
        var (config, settings) = SettingsInput.Load(a.Value("--config"), a.Values("--set"));
        ModeDispatch.Check(settings);

        // Everything that can be refused is refused here, before anything is created.
        RunPreflight.CheckRunName(settings.Run.Name);
        RunPreflight.CheckWritable($"run.output-dir = {settings.Run.OutputDir}", settings.Run.OutputDir);
        var profileDir = a.Value("--profile") is { } profileArg
            ? Checked(profileArg, $"--profile {profileArg}")
            : settings.Profiling is { Enabled: true, Dir.Length: > 0 } p ? Checked(p.Dir, $"profiling.dir = {p.Dir}") : null;
        var checkpoint = a.Value("--resume") is { } resume ? RunPreflight.ReadCheckpoint(resume) : ((string Directory, CheckpointManifest Manifest)?)null;

        var dataset = OptionsMapping.LoadDataset(settings.Data);
        if (dataset.Train.Count == 0)
            throw new UsageException($"data: the {dataset.Name} training set has no samples, so there is nothing to train.");

        var options = OptionsMapping.TrainingOrRefuse(settings, dataset, checkpoint?.Directory) with { ConfigFingerprint = Fingerprint(config) };
        ModeDispatch.CheckRequirements(settings, options, dataset);

        IReadOnlyList<ResumeDifference> changes = [];
        if (checkpoint is { Directory: var checkpointDir, Manifest: var manifest })
        {
            if (manifest.Epoch >= options.Epochs)
            {
                Console.Out.WriteLine($"Nothing to train: the checkpoint {checkpointDir} is at the end of epoch {manifest.Epoch}, and " +
                                      $"run.epochs (or the mode plan) asks for {options.Epochs}; ask for more epochs to train further.");
                return ExitCodes.Ok;
            }
            changes = ResumeCheck.Compare(manifest, options, LoadsOptimizerState(settings, options));
            if (changes.Any(c => c.Refused))
                throw new UsageException(string.Join(Environment.NewLine,
                    changes.Where(c => c.Refused).Select(c => "  " + c).Prepend($"--resume {checkpointDir} would not continue that checkpoint:")));
            config = KeptCut(a, settings, options, manifest) ?? config;
        }

        var runDirectory = CreateRunDirectory(settings.Run.OutputDir, settings.Run.Name);
        File.WriteAllText(Path.Combine(runDirectory, "config.conf"), config.ToHocon());
        options = options with { RunDirectory = runDirectory };

        profileDir ??= settings.Profiling.Enabled ? Path.Combine(runDirectory, "profile") : null;
        using var logging = new RunLogging(settings.Logging, runDirectory);
        if (checkpoint is { Manifest: var saved }) LogResume(logging.Logger, saved, options, changes);
        var resumeCommand = ResumeCommand(a.Value("--config"), a.Values("--set"), runDirectory);
        if (settings.Cluster.Enabled) return ClusterTrain.Run(settings, config, options, dataset, logging, runDirectory, resumeCommand, profileDir);
        return Train(settings, options, dataset, logging, profileDir, runDirectory, resumeCommand);
    }

    private static string Checked(string profileDir, string what)
    {
        RunPreflight.CheckProfileDirectory(what, profileDir);
        return profileDir;
    }

    private static bool LoadsOptimizerState(ActorTrainSettings settings, TrainingOptions options) =>
        options.ResumeOptimizerState && (settings.EffectivePlan[0].Mode != TrainingMode.Ist || settings.Ist.OptimizerState == IstOptimizerState.Travel);

    /// <summary>
    /// A stage-based run that keeps a multi-stage checkpoint's cut records that cut in config.conf, so the file says what
    /// trained even where pipeline.partition would have planned another (null: nothing to record).
    /// </summary>
    private static HoconConfig? KeptCut(ArgReader a, ActorTrainSettings settings, TrainingOptions options, CheckpointManifest manifest)
    {
        if (options.RecutOnResume || manifest.Balance.Length == 1 || settings.EffectivePlan[0].Mode is TrainingMode.Ist or TrainingMode.Dp) return null;
        string[] cut = ["pipeline.partition=balance", $"pipeline.balance=[{string.Join(',', manifest.Balance)}]"];
        return SettingsInput.Load(a.Value("--config"), [.. a.Values("--set"), .. cut]).Config;
    }

    private static void LogResume(Serilog.ILogger log, CheckpointManifest saved, TrainingOptions options, IReadOnlyList<ResumeDifference> changes)
    {
        if (ResumeCheck.Unknowns(saved) is { } unknowns) log.Warning("Resuming: {Unknowns}", unknowns);
        foreach (var change in changes)
            log.Warning("Resuming with {Key} changed: checkpoint {Saved}, now {Asked}", change.Key, change.Saved, change.Asked);
        if (saved.Recipe is { } recipe && recipe.ConfigFingerprint != options.ConfigFingerprint)
            log.Information("The configuration differs from the checkpoint's (fingerprint {Saved}, now {Now})", recipe.ConfigFingerprint, options.ConfigFingerprint);
    }

    /// <summary>A short hash of the resolved configuration, to tell at a glance whether two runs were configured alike.</summary>
    private static string Fingerprint(HoconConfig config) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(config.ToHocon())))[..16];

    private static int Train(ActorTrainSettings settings, TrainingOptions options, Dataset dataset, RunLogging logging, string? profileDir,
        string runDirectory, string resumeCommand)
    {
        var log = logging.Logger;
        var clock = TimeProvider.System;
        var profiler = profileDir is null ? null : new Profiler(clock);
        // Akka's own events go to the same Serilog pipeline (Akka.Logger.Serilog reads the global logger).
        Serilog.Log.Logger = log;
        var system = ProcessActorSystem.Start(settings.AkkaHocon);
        // A plan in actortrain.faults is injected in train too; `actortrain faults` adds the baseline and the report.
        var recorder = new FaultRecorder(profiler);
        var environment = new RunEnvironment(system, RunLinks.Create(settings, profiler, recorder),
            StorageFaultInjector.For(settings.Faults, ICheckpointCommit.Direct, recorder));
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
        }
        if (profiler is not null && profileDir is not null)
            failure ??= WriteProfile(profiler, profileDir, log);

        PrintSummary(epochs, result);
        if (failure is TrainingSetupException setup)
        {
            Console.Error.WriteLine($"actortrain train: {setup.Message}");
            // Found while setting up: if nothing was trained, the run leaves nothing behind, as a refused input does.
            if (!Directory.Exists(Path.Combine(runDirectory, "checkpoints")))
            {
                logging.Dispose();
                Directory.Delete(runDirectory, recursive: true);
            }
            return ExitCodes.BadInput;
        }
        if (failure is not null)
        {
            // The whole exception, stack included, goes to the log file only; the console gets one line.
            logging.ConsoleLevel.MinimumLevel = Serilog.Events.LogEventLevel.Fatal;
            log.Error(failure, "Training failed");
            Console.Error.WriteLine($"actortrain train: training failed: {TrainingFailure.Describe(failure)} (log: {Path.Combine(runDirectory, RunLogging.LogFileName)})");
            return ExitCodes.Failure;
        }
        // Written whole, whatever the console's width: scripts read these two lines.
        Console.Out.WriteLine($"Run directory: {runDirectory}");
        if (result!.CheckpointDirectory is { } ckpt) Console.Out.WriteLine($"Checkpoint: {ckpt}");
        if (!result.Interrupted) return ExitCodes.Ok;
        log.Warning("Interrupted after step {Step}; resume with: {ResumeCommand}", result.Steps, resumeCommand);
        Console.Out.WriteLine($"Interrupted after step {result.Steps}; resume with:");
        Console.Out.WriteLine(resumeCommand);
        return signals.ExitCode;
    }

    /// <summary>Writes the profile; returns the failure, if any, so that it is reported like one during training.</summary>
    private static Exception? WriteProfile(Profiler profiler, string profileDir, Serilog.ILogger log)
    {
        try
        {
            profiler.WriteTo(profileDir);
            log.Information("Profile written to {ProfileDirectory} (trace.json, summary.json, report.html)", profileDir);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new IOException($"writing the profile to {profileDir}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The command that continues this run: the same configuration and overrides, resuming from its run directory
    /// (without --profile: a profile directory is never written twice).
    /// </summary>
    private static string ResumeCommand(string? config, IReadOnlyList<string> sets, string runDirectory)
    {
        var words = new List<string> { "actortrain", "train" };
        if (config is not null) words.AddRange(["--config", config]);
        foreach (var set in sets) words.AddRange(["--set", set]);
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
