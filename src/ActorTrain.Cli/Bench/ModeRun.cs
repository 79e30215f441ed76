using ActorTrain.Cli.Training;
using ActorTrain.Data.Datasets;
using ActorTrain.Profiling;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;
using Serilog;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// One training run as the mode benches measure it: configured as `train` would be (reference.conf plus
/// <c>sets</c>), in its own directory under the bench's root, profiled for traffic and memory, timed to a target accuracy.
/// </summary>
internal static class ModeRun
{
    /// <summary>The decoupled epochs' learning rate, as in hocon/decoupled.conf: 5x sync's, because a stage's MSE towards
    /// a 1024-wide code averages over the code's width (examples/decoupled-sweep.sh).</summary>
    public const string DecoupledLr = "0.1";

    public sealed record Outcome(string Run, int Epochs, double? Accuracy, double? BestAccuracy, double Seconds, double SamplesPerSecond,
        long Bytes, IReadOnlyList<long> PeakBytes, TimeSpan? ToTarget);

    public static Outcome Measure(string name, int epochs, Dataset data, string root, ILogger log, Action<string> progress,
        IReadOnlyList<string> sets, double targetAccuracy)
    {
        progress($"{name}: training {epochs} epoch(s)");
        var settings = ModeDispatch.Settings([.. sets]);
        var runDir = Path.Combine(root, string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')));
        Directory.CreateDirectory(runDir);
        var options = OptionsMapping.Training(settings, data, runDir, resumeFrom: null);
        var clock = TimeProvider.System;
        var profiler = new Profiler(clock);
        var toTarget = new AccuracyClock(targetAccuracy, clock);
        var result = ModeDispatch.RunAsync(settings, options, data, new CompositeObserver(profiler, toTarget), log, clock, CancellationToken.None,
            new RunEnvironment(ProcessActorSystem.Current, new LinkFactory([profiler])))
            .GetAwaiter().GetResult();
        var figures = profiler.Figures();
        var seconds = result.Elapsed.TotalSeconds;
        progress(FormattableString.Invariant($"{name}: accuracy {result.TestAccuracy:P2} in {seconds:F1} s"));
        return new Outcome(name, epochs, result.TestAccuracy, toTarget.Best, seconds, seconds > 0 ? result.Samples / seconds : 0,
            figures.BytesMoved, figures.StagePeakBytes, toTarget.Reached);
    }
}
