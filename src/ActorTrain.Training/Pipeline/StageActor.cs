using ActorTrain.Actors;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;
using ActorTrain.Training.Schedules;
using Serilog;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// One pipeline stage as an actor. It walks its schedule's action list for each mini-batch; an action whose input has
/// not arrived yet (an activation from the previous stage, a gradient from the next) makes it wait, and arrivals are
/// buffered by (step, micro-batch) until the schedule reaches them. After its last action it steps its optimizer
/// (the flush) and reports to the supervisor. It runs on a pinned thread because every handler calls into libtorch.
/// </summary>
internal sealed partial class StageActor : ReceiveActor
{
    private readonly PipelineStage _stage;
    private readonly IPipelineSchedule _schedule;
    private readonly ITrainingObserver _observer;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly Queue<RunStep> _queuedSteps = new();
    private readonly Dictionary<(long Step, int MicroBatch), Forward> _activations = new();
    private readonly Dictionary<(long Step, int MicroBatch), Backward> _gradients = new();

    private IActorRef? _previous, _next, _supervisor;
    private RunStep? _current;
    private IReadOnlyList<PipelineAction> _actions = [];
    private int _cursor;
    private double _lossSum;
    private int _correct;
    private long _waitingSince = -1;
    private long _peakBytes;

    public StageActor(PipelineStage stage, IPipelineSchedule schedule, ITrainingObserver observer, TimeProvider clock, ILogger log)
    {
        _stage = stage;
        _log = log.ForContext("Stage", stage.Index);
        _schedule = schedule;
        _observer = observer;
        _clock = clock;

        Receive<WireStage>(w => (_previous, _next, _supervisor) = (w.Previous, w.Next, w.Supervisor));
        Receive<RunStep>(OnRunStep);
        Receive<Forward>(OnForward);
        Receive<Backward>(OnBackward);
        Receive<Evaluate>(OnEvaluate);
        Receive<SaveStage>(OnSave);
    }

    private int Index => _stage.Index;

    protected override void PreStart() => Torch.Torch.SetThreads(_stage.Threads);

    private void OnRunStep(RunStep run)
    {
        _queuedSteps.Enqueue(run);
        if (_current is null) StartNextStep();
    }

    private void OnForward(Forward f)
    {
        _stage.CheckInput(f.Meta, f.FromStage);
        Received(f.Step, f.MicroBatch, f.Activation.NBytes);
        _activations.Add((f.Step, f.MicroBatch), f);
        Advance();
    }

    private void OnBackward(Backward b)
    {
        Received(b.Step, b.MicroBatch, b.Gradient.NBytes);
        _gradients.Add((b.Step, b.MicroBatch), b);
        Advance();
    }

    /// <summary>An arrival ends any wait (a new one starts if the schedule still cannot move) and is recorded with its bytes.</summary>
    private void Received(long step, int mb, long bytes)
    {
        EndWait(step, mb);
        var now = _clock.GetTimestamp();
        _observer.OnSpan(new Span(Index, SpanKind.Receive, step, mb, now, now, bytes));
    }

    private void StartNextStep()
    {
        if (!_queuedSteps.TryDequeue(out var run)) return;
        _current = run;
        _actions = _schedule.ActionsFor(Index, _stage.Count, run.MicroBatches);
        _cursor = 0;
        _lossSum = 0;
        _correct = 0;
        _waitingSince = _clock.GetTimestamp();
        Advance();
    }

    /// <summary>Runs schedule actions until one lacks its input, or the mini-batch is done.</summary>
    private void Advance()
    {
        while (_current is { } run && _cursor < _actions.Count)
        {
            var action = _actions[_cursor];
            var ran = action.Kind == ActionKind.Forward ? TryForward(run, action.MicroBatch) : TryBackward(run, action.MicroBatch);
            if (!ran)
            {
                if (_waitingSince < 0) _waitingSince = _clock.GetTimestamp();
                return;
            }
            _log.Debug("{Action} of step {Step} micro-batch {MicroBatch} done", action.Kind, run.Step, action.MicroBatch);
            _cursor++;
        }
        if (_current is not null) FinishStep(_current);
    }

    private bool TryForward(RunStep run, int mb)
    {
        Forward? arrived = null;
        if (!_stage.IsFirst && !_activations.Remove((run.Step, mb), out arrived)) return false;
        EndWait(run.Step, mb);
        var input = arrived?.Activation ?? run.Inputs![mb];
        if (_stage.IsFirst) _stage.CheckInput(Messages.TensorMeta.Of(input), -1);
        var start = _clock.GetTimestamp();
        try
        {
            if (_stage.IsLast)
            {
                var (loss, correct) = _stage.ForwardLoss(mb, input, run.Labels![mb], run.BatchSize);
                _lossSum += loss;
                _correct += correct;
                _observer.OnSpan(new Span(Index, SpanKind.Forward, run.Step, mb, start, _clock.GetTimestamp()));
            }
            else
            {
                var output = _stage.Forward(mb, input);
                _observer.OnSpan(new Span(Index, SpanKind.Forward, run.Step, mb, start, _clock.GetTimestamp()));
                Send(_next!, new Forward(Index, run.Step, mb, Messages.TensorMeta.Of(output), output), run.Step, mb, output.NBytes);
            }
        }
        finally
        {
            input.Dispose();
        }
        TrackMemory();
        return true;
    }

    private bool TryBackward(RunStep run, int mb)
    {
        Backward? arrived = null;
        if (!_stage.IsLast && !_gradients.Remove((run.Step, mb), out arrived)) return false;
        EndWait(run.Step, mb);
        var start = _clock.GetTimestamp();
        Torch.Tensor? gradInput;
        try
        {
            gradInput = _stage.Backward(mb, arrived?.Gradient);
        }
        finally
        {
            arrived?.Gradient.Dispose();
        }
        _observer.OnSpan(new Span(Index, SpanKind.Backward, run.Step, mb, start, _clock.GetTimestamp()));
        if (gradInput is not null)
            Send(_previous!, new Backward(Index, run.Step, mb, Messages.TensorMeta.Of(gradInput), gradInput), run.Step, mb, gradInput.NBytes);
        return true;
    }

    private void FinishStep(RunStep run)
    {
        var start = _clock.GetTimestamp();
        _stage.Step();
        _observer.OnSpan(new Span(Index, SpanKind.OptimizerStep, run.Step, -1, start, _clock.GetTimestamp()));
        DisposeUnused(run);
        _supervisor!.Tell(new StepCompleted(Index, run.Step, _stage.IsLast ? _lossSum / run.BatchSize : null, _correct), Self);
        _current = null;
        _waitingSince = -1;
        StartNextStep();
    }

    private void Send(IActorRef to, object message, long step, int mb, long bytes)
    {
        var start = _clock.GetTimestamp();
        to.Tell(message, Self);
        _observer.OnSpan(new Span(Index, SpanKind.Send, step, mb, start, _clock.GetTimestamp(), bytes));
    }

    private void EndWait(long step, int mb)
    {
        if (_waitingSince < 0) return;
        var now = _clock.GetTimestamp();
        if (now > _waitingSince) _observer.OnSpan(new Span(Index, SpanKind.Wait, step, mb, _waitingSince, now));
        _waitingSince = -1;
    }

    private void TrackMemory()
    {
        var bytes = _stage.StashedBytes;
        if (bytes <= _peakBytes) return;
        _peakBytes = bytes;
        _observer.OnStageMemory(Index, _stage.StaticBytes + bytes);
    }

    /// <summary>The first stage's inputs were consumed by the forwards; labels are only read: free them now.</summary>
    private static void DisposeUnused(RunStep run)
    {
        if (run.Labels is null) return;
        foreach (var l in run.Labels) l.Dispose();
    }

    protected override void PostStop()
    {
        foreach (var f in _activations.Values) f.Activation.Dispose();
        foreach (var b in _gradients.Values) b.Gradient.Dispose();
        foreach (var run in _queuedSteps.Append(_current).OfType<RunStep>())
        {
            foreach (var t in run.Inputs ?? []) t.Dispose();
            foreach (var t in run.Labels ?? []) t.Dispose();
        }
        _stage.Dispose();
    }
}
