using ActorTrain.Cluster.Messages;
using ActorTrain.Profiling.Merging;
using Serilog;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// A worker's answer to <see cref="WriteProfilePart"/>, whatever it hosts: its recording written as worker-RANK.json
/// (see ClusterDriver.Profiling for why a file), or why not. Called when the run is drained, so nothing is still recording.
/// </summary>
internal static class ProfilePart
{
    public static ProfilePartWritten Write(NodeRecorder? recorder, int rank, string directory, ILogger log)
    {
        if (recorder is null) return new ProfilePartWritten(rank, null, 0, "this worker was not asked to record");
        try
        {
            var (path, records) = recorder.WritePart(directory);
            log.Information("Worker rank {Rank}: profile part ({Records} spans and transfers) written to {Path}", rank, records, path);
            return new ProfilePartWritten(rank, path, records, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error("Worker rank {Rank}: writing its profile part into {Directory} failed: {Message}", rank, directory, e.Message);
            return new ProfilePartWritten(rank, null, 0, $"writing its part into {directory} failed: {e.Message}");
        }
    }
}
