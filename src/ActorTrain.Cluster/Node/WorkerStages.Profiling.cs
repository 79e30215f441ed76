using ActorTrain.Profiling.Merging;
using ActorTrain.Training.Observability;
using Akka.Actor;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// A profiled run (<see cref="Messages.HostStages.Profile"/>): this worker's stages, in-process links and Gloo links record
/// into one <see cref="NodeRecorder"/>, which the driver asks for at the end (<see cref="ProfilePart"/>).
/// </summary>
internal sealed partial class WorkerStages
{
    private NodeRecorder? _recorder;

    /// <summary>What the stages report to: the meter the switching policy reads, and in a profiled run the recorder.</summary>
    private ITrainingObserver StageObserver => _recorder is null ? _meter : new CompositeObserver(_meter, _recorder);

    /// <summary>What the links and inboxes report to: the protocol's tally, and in a profiled run the recorder (send spans, link events).</summary>
    private ITrainingObserver LinkObserver => _recorder is null ? _linkEvents : new CompositeObserver(_linkEvents, _recorder);

    private void StartRecording()
    {
        if (!_plan.Profile) return;
        var stages = _mine.Select(s => new StageInfo(s.Index, s.Describe(), s.ParameterCount, s.Device.ToString(), _options.Pipeline.ThreadsPerStage)).ToList();
        _recorder = new NodeRecorder(_plan.Rank, Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString(), stages);
        _faultMarks.RecordInto(_recorder);
    }
}
