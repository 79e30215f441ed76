using ActorTrain.Cluster.Messages;
using ActorTrain.Profiling.Merging;
using ActorTrain.Training.Observability;
using ActorTrain.Training.PipelineParallel;
using ActorTrain.Training.Schedules;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// A profiled clustered run (<see cref="RecordClusterProfile"/>): each worker's clock is measured as it joins, the
/// workers record their stages' spans and Gloo transfers, and once the last checkpoint is written each writes its part
/// into the run directory and says so; the run finishes when every part is in, or the link timeout has passed (the
/// command then names the workers whose part is missing).
/// </summary>
/// <remarks>
/// Why files and not Akka messages: a worker records ~100k spans per epoch (several MB), far over Akka.Remote's frame
/// size (128 KB), so messages would need chunking, ordering and acknowledgement of their own; the run directory is
/// already where every worker writes its stage files (one directory, or a shared path across machines), written as
/// they are (temp file, flush, rename), so a part either arrives whole or is named missing.
/// </remarks>
internal sealed partial class ClusterDriver
{
    private readonly HashSet<int> _partsPending = new();
    private ClusterNodes? _profile;
    private bool _collectingParts, _partsCollected;

    private sealed record PartsTimedOut;

    private bool WorkersRecord => _profile is not null;

    private void ReceiveProfiling()
    {
        Receive<RecordClusterProfile>(r =>
        {
            _profile = r.Nodes;
            _profile.DriverAddress = _cluster.SelfAddress.ToString();
            foreach (var w in _workers) MeasureClock(w);
            if (_placed) _log.Warning("Profiling was asked for after the stages were placed: the workers record nothing");
        });
        Receive<ProfilePartWritten>(OnPartWritten);
        Receive<PartsTimedOut>(_ => OnPartsTimedOut());
    }

    /// <summary>A worker joined: measure its clock now, before training loads either side.</summary>
    private void MeasureClock(WorkerEntry worker)
    {
        if (_profile is null) return;
        _profile.Joined(worker.Address.ToString(), worker.Pid);
        Context.ActorOf(ClockProbe.Props(worker.Address, _profile, _log));
    }

    /// <summary>Training starts: the profile learns the placement and what the run is (the workers know their stages' layers).</summary>
    private void ReportRunStarted()
    {
        if (_profile is null) return;
        foreach (var w in _workers) _profile.Placed(w.Address.ToString(), w.Rank, w.Stages);
        var stages = _shape.Units;
        var (schedule, bubble) = _shape.Replicas > 0 ? (_options.Mode, 0.0)
            : _options.WithoutFlush ? (TrainingRun.NoFlushSchedule, 0.0)
            : (_options.Pipeline.Schedule, PipelineTheory.TheoreticalBubbleShare(stages, _options.Pipeline.MicroBatches));
        _observer.OnRunStarted(new RunInfo(_options.Mode, schedule, stages, _shape.Replicas > 0 ? 1 : _options.Pipeline.MicroBatches,
            _options.BatchSize, bubble, [], _clock.GetTimestamp()));
    }

    /// <summary>Before the run finishes: true while the workers' parts are still being collected (Finish is called again when they are).</summary>
    private bool CollectingProfileParts()
    {
        if (!WorkersRecord || _partsCollected) return false;
        if (_collectingParts) return true;
        _collectingParts = true;
        foreach (var w in _workers)
        {
            _partsPending.Add(w.Rank);
            w.StageHost!.Tell(new WriteProfilePart(_profile!.PartsDirectory), Self);
        }
        Timers.StartSingleTimer("profile-parts", new PartsTimedOut(), _settings.LinkTimeout);
        _log.Information("Collecting the workers' profiles into {Directory}", _profile!.PartsDirectory);
        return true;
    }

    private void OnPartWritten(ProfilePartWritten part)
    {
        if (!_collectingParts || !_partsPending.Remove(part.Rank)) return;
        if (part.Path is { } path) _profile!.Delivered(part.Rank, path);
        else _profile!.NotDelivered(part.Rank, part.Failure ?? "it wrote no part");
        if (_partsPending.Count == 0) PartsCollected();
    }

    private void OnPartsTimedOut()
    {
        if (!_collectingParts) return;
        foreach (var rank in _partsPending)
            _profile!.NotDelivered(rank, $"no part written within {_settings.LinkTimeout.TotalSeconds:F0} s (cluster.link-timeout)");
        _partsPending.Clear();
        PartsCollected();
    }

    private void PartsCollected()
    {
        Timers.Cancel("profile-parts");
        (_collectingParts, _partsCollected) = (false, true);
        if (!_finished) Finish();
    }
}
