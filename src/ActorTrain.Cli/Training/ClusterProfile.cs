using ActorTrain.Profiling;
using ActorTrain.Profiling.Merging;
using ActorTrain.Training.Observability;
using Serilog;

namespace ActorTrain.Cli.Training;

/// <summary>
/// `--profile` on a clustered run's driver: the driver's profiler records steps and test scores, the driver gathers the
/// workers' clock offsets and parts into <see cref="Nodes"/> (parts go to profile-parts/ in the run directory), and
/// <see cref="Write"/> merges them into one trace.json, summary.json and report.html. A worker whose part is missing is
/// named on the console and in summary.json, never dropped silently.
/// </summary>
internal sealed class ClusterProfile(string directory, string runDirectory, ILogger log)
{
    public const string PartsDirectoryName = "profile-parts";

    private readonly Profiler _profiler = new(TimeProvider.System);

    public ClusterNodes Nodes { get; } = new(Path.Combine(runDirectory, PartsDirectoryName));

    public ITrainingObserver Observer => _profiler;

    /// <param name="failure">Why the run failed, given to every worker whose part was not collected.</param>
    public void Write(bool succeeded, string? failure)
    {
        _profiler.OnRunFinished(succeeded, TimeProvider.System.GetTimestamp());
        if (failure is not null)
            foreach (var worker in Nodes.Undelivered())
                Nodes.NotDelivered(worker, $"the run failed before the parts were collected: {failure}");
        try
        {
            var warnings = _profiler.WriteClusterTo(directory, Nodes);
            foreach (var warning in warnings) log.Warning("Profile: {Warning}", warning);
            log.Information("Profile of the whole cluster written to {ProfileDirectory} (trace.json, summary.json, report.html)", directory);
            Console.Out.WriteLine($"Profile: {directory}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error("Writing the profile to {ProfileDirectory} failed: {Message}", directory, e.Message);
            Console.Error.WriteLine($"actortrain train: writing the profile to {directory} failed: {e.Message}");
        }
    }
}
