using ActorTrain.Training.Hosting.Messages;
using ActorTrain.Training.Observability;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Training.Hosting;

/// <summary>
/// What every run's root actor shares (pipeline and decoupled supervisors, the IST parameter server, the data-parallel
/// coordinator): it starts and watches its children, keeps the run's ledger (samples, last loss, test figures, last
/// checkpoint), fails the whole run on the first child failure (the child is stopped, never restarted), takes an
/// interrupt as "stop at the next step boundary", and completes the run's task exactly once.
/// </summary>
internal abstract class RunRootActor : ReceiveActor
{
    private readonly TaskCompletionSource<TrainingResult> _done;
    private readonly SupervisorStrategy _strategy;
    private readonly Func<IActorRef, Exception?> _causeOf;
    private readonly long _startTimestamp;

    protected readonly ITrainingObserver _observer;
    protected readonly TimeProvider _clock;
    protected readonly ILogger _log;
    protected readonly List<IActorRef> _children = new();

    protected long _samples;
    protected double _lastLoss = double.NaN;
    protected double? _testAccuracy, _testLoss;
    protected string? _lastCheckpoint;
    protected bool _finished;

    /// <param name="resumeFailedChildren">Resume a child that throws and tell this root (<see cref="Messages.ChildFaulted"/>),
    /// for a root that rolls its children back; otherwise the child is stopped and the run fails.</param>
    protected RunRootActor(ITrainingObserver observer, TimeProvider clock, ILogger log, TaskCompletionSource<TrainingResult> done,
        bool resumeFailedChildren = false)
    {
        (_observer, _clock, _log, _done) = (observer, clock, log, done);
        if (resumeFailedChildren)
        {
            var resume = new ResumeAndReportStrategy(Self);
            (_strategy, _causeOf) = (resume, resume.CauseOf);
        }
        else
        {
            var stop = new StopAndRememberStrategy();
            (_strategy, _causeOf) = (stop, stop.CauseOf);
        }
        _startTimestamp = clock.GetTimestamp();
        Receive<InterruptTraining>(_ => Interrupt());
        Receive<Terminated>(t =>
        {
            if (!_finished) ChildFailed(_causeOf(t.ActorRef) ?? new InvalidOperationException($"{t.ActorRef.Path} stopped unexpectedly"), t.ActorRef.Path.Name);
        });
    }

    /// <summary>Set once an interrupt arrived: the root dispatches nothing more and ends at the next step boundary.</summary>
    protected bool Interrupted { get; private set; }

    /// <summary>What the log calls this run when it fails ("Decoupled training", "IST").</summary>
    protected abstract string RunName { get; }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    /// <summary>Starts a child on <paramref name="props"/> and watches it: its death, expected or not, reaches the root.</summary>
    protected IActorRef StartChild(Props props, string name)
    {
        var child = Context.ActorOf(props, name);
        Context.Watch(child);
        _children.Add(child);
        return child;
    }

    private void Interrupt()
    {
        if (_finished || Interrupted) return;
        Interrupted = true;
        _log.Warning("Interrupted: finishing the work in flight, then a checkpoint");
        OnInterrupted();
    }

    /// <summary>Called once when an interrupt arrives; a root that is idle at a boundary ends here.</summary>
    protected abstract void OnInterrupted();

    /// <summary>A child died while the run was going: by default the run fails with the child's exception.</summary>
    protected virtual void ChildFailed(Exception cause, string child) => Fail(cause, child);

    /// <summary>Frees what the root holds itself when the run fails (its children free theirs when they stop).</summary>
    protected virtual void OnFailed()
    {
    }

    /// <summary>Ends the run with <paramref name="reason"/>, logged as a failure in <paramref name="where"/> unless null (the caller logged it).</summary>
    protected void Fail(Exception reason, string? where)
    {
        if (_finished) return;
        _finished = true;
        OnFailed();
        if (where is not null) _log.Error(reason, "{Run} failed in {Where}; stopping every child", RunName, where);
        _done.TrySetException(reason);
        Context.Stop(Self);
    }

    protected void Finish(long steps)
    {
        _finished = true;
        _done.TrySetResult(new TrainingResult(steps, _samples, _testAccuracy, _testLoss, _lastLoss,
            _clock.GetElapsedTime(_startTimestamp), _lastCheckpoint, Interrupted));
        Context.Stop(Self);
    }
}
