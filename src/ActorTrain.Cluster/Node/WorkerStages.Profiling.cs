using ActorTrain.Cluster.Messages;
using ActorTrain.Profiling.Merging;
using ActorTrain.Training.Observability;
using Akka.Actor;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// A profiled run (<see cref="Messages.HostStages.Profile"/>): this worker's stages, in-process links and Gloo links record
/// into one <see cref="NodeRecorder"/>, which the driver asks for at the end (see ClusterDriver.Profiling for why a file).
/// </summary>
internal sealed partial class WorkerStages
{
    private NodeRecorder? _recorder;

    private ITrainingObserver Observer => (ITrainingObserver?)_recorder ?? NullTrainingObserver.Instance;

    private void StartRecording()
    {
        if (!_plan.Profile) return;
        var stages = _mine.Select(s => new StageInfo(s.Index, s.Describe(), s.ParameterCount, s.Device.ToString(), _options.Pipeline.ThreadsPerStage)).ToList();
        _recorder = new NodeRecorder(_plan.Rank, Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString(), stages);
    }

    /// <summary>Writes the recording as worker-RANK.json; the pipeline is drained, so nothing is still being recorded.</summary>
    private void OnWriteProfilePart(WriteProfilePart write)
    {
        if (_recorder is null)
        {
            Sender.Tell(new ProfilePartWritten(_plan.Rank, null, 0, "this worker was not asked to record"), Self);
            return;
        }
        try
        {
            var (path, records) = _recorder.WritePart(write.Directory);
            _log.Information("Worker rank {Rank}: profile part ({Records} spans and transfers) written to {Path}", _plan.Rank, records, path);
            Sender.Tell(new ProfilePartWritten(_plan.Rank, path, records, null), Self);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Error("Worker rank {Rank}: writing its profile part into {Directory} failed: {Message}", _plan.Rank, write.Directory, e.Message);
            Sender.Tell(new ProfilePartWritten(_plan.Rank, null, 0, $"writing its part into {write.Directory} failed: {e.Message}"), Self);
        }
    }
}
