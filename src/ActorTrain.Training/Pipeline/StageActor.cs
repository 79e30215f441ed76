using ActorTrain.Torch;
using ActorTrain.Training.Links;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline.Messages;
using Akka.Actor;
using Serilog;

namespace ActorTrain.Training.Pipeline;

/// <summary>
/// One pipeline stage as an actor: what every pipeline mode shares. It buffers arriving activations and gradients by
/// (step, micro-batch) until its scheduling (<see cref="SyncStageActor"/>: a schedule's action list and a flush;
/// <see cref="AsyncStageActor"/>: no flush) reaches them, runs forwards and backwards with their spans, sends the
/// results on through its links, evaluates and saves. It runs on a dispatcher with a thread of its own (HOCON
/// <c>akka.actor.stage-dispatcher</c>) because every handler calls into libtorch, whose thread count is per thread.
/// </summary>
internal abstract partial class StageActor : ReceiveActor
{
    protected readonly PipelineStage _stage;
    protected readonly ITrainingObserver _observer;
    protected readonly TimeProvider _clock;
    protected readonly ILogger _log;
    protected readonly Dictionary<(long Step, int MicroBatch), Forward> _activations = new();
    protected readonly Dictionary<(long Step, int MicroBatch), Backward> _gradients = new();

    private IStageLink? _previous, _next;
    private LinkInbox? _inbox;
    private long _waitingSince = -1;
    private long _peakBytes;

    protected StageActor(PipelineStage stage, ITrainingObserver observer, TimeProvider clock, ILogger log)
    {
        _stage = stage;
        _log = log.ForContext("Stage", stage.Index).ForContext("ActorPath", Self.Path.ToString());
        _observer = observer;
        _clock = clock;

        Receive<WireStage>(Wire);
        Receive<LinkFrame>(f => _inbox!.Accept(f, Sender, Deliver));
        Receive<ILinkControl>(OnLinkControl);
        Receive<RunStep>(OnRunStep);
        Receive<PipelineDrain>(_ => OnDrain());
        Receive<Forward>(OnForward);
        Receive<Backward>(OnBackward);
        Receive<Evaluate>(OnEvaluate);
        Receive<SaveStage>(OnSave);
        Receive<RollBack>(OnRollBack);
        Receive<WatchdogPing>(_ => Sender.Tell(new WatchdogPong(Index), Self));
    }

    protected int Index => _stage.Index;

    protected IActorRef? Supervisor { get; private set; }

    protected override void PreStart() => Torch.Torch.SetThreads(_stage.Threads);

    /// <summary>A mini-batch to take part in: queue it and run whatever can run.</summary>
    protected abstract void OnRunStep(RunStep run);

    /// <summary>The supervisor sends no more mini-batches until the pipeline is empty; only a pipeline without flush cares.</summary>
    protected virtual void OnDrain()
    {
    }

    /// <summary>Runs forwards and backwards until none has its input; called after every arrival.</summary>
    protected abstract void Advance();

    /// <summary>Frees the inputs and labels of mini-batches not finished when the actor stops.</summary>
    protected abstract void DisposePending();

    /// <summary>The stash key of a micro-batch: unique among all in flight, across mini-batches.</summary>
    protected static long Key(long step, int mb) => (step << 24) + mb;

    /// <summary>A frame the link protocol hands on, in sequence, exactly once.</summary>
    private void Deliver(ILinkMessage message)
    {
        if (message is Forward f) OnForward(f);
        else OnBackward((Backward)message);
    }

    /// <summary>The protocol's own messages: those about a link this stage receives on go to the inbox, the others to the link that sends.</summary>
    private void OnLinkControl(ILinkControl control)
    {
        if (control.To == Index) _inbox?.Control(control);
        else if (_next?.To == control.To) _next.Control(control);
        else _previous?.Control(control);
    }

    private void Wire(WireStage w) =>
        (_previous, _next, Supervisor, _inbox, _checkFinite, _handSnapshotsOver) = (w.Previous, w.Next, w.Supervisor, w.Inbox, w.CheckFinite, w.HandSnapshotsOver);

    private void OnForward(Forward f)
    {
        _stage.CheckInput(f.Meta, f.FromStage);
        CheckFinite(f.Activation, f.Step, $"the activation from stage {f.FromStage}");
        Received(f.Step, f.MicroBatch, f.Activation.NBytes);
        _activations.Add((f.Step, f.MicroBatch), f);
        Advance();
    }

    private void OnBackward(Backward b)
    {
        CheckFinite(b.Gradient, b.Step, $"the gradient from stage {b.FromStage}");
        Received(b.Step, b.MicroBatch, b.Gradient.NBytes);
        _gradients.Add((b.Step, b.MicroBatch), b);
        Advance();
    }

    /// <summary>An arrival ends any wait (a new one starts if nothing can run) and is recorded with its bytes.</summary>
    private void Received(long step, int mb, long bytes)
    {
        EndWait(step, mb);
        var now = _clock.GetTimestamp();
        _observer.OnSpan(new Span(Index, SpanKind.Receive, step, mb, now, now, bytes));
    }

    /// <summary>
    /// Forward of one micro-batch (the stage owns <paramref name="input"/> and disposes it). The last stage computes
    /// the loss and returns (loss sum, correct); the others send their output on and return zeros.
    /// </summary>
    protected (double LossSum, int Correct) RunForward(long step, int mb, Tensor input, Tensor? labels, int batchSize)
    {
        EndWait(step, mb);
        if (_stage.IsFirst) _stage.CheckInput(TensorMeta.Of(input), -1);
        var start = _clock.GetTimestamp();
        try
        {
            if (_stage.IsLast)
            {
                var scored = _stage.ForwardLoss(Key(step, mb), input, labels!, batchSize);
                _observer.OnSpan(new Span(Index, SpanKind.Forward, step, mb, start, _clock.GetTimestamp()));
                return scored;
            }
            var output = _stage.Forward(Key(step, mb), input);
            _observer.OnSpan(new Span(Index, SpanKind.Forward, step, mb, start, _clock.GetTimestamp()));
            _next!.Send(new Forward(Index, step, mb, TensorMeta.Of(output), output));
            return (0, 0);
        }
        finally
        {
            input.Dispose();
            TrackMemory();
        }
    }

    /// <summary>Backward of one micro-batch from the next stage's gradient (null on the last stage); sends the input gradient back.</summary>
    protected void RunBackward(long step, int mb, Backward? arrived)
    {
        EndWait(step, mb);
        var start = _clock.GetTimestamp();
        Tensor? gradInput;
        try
        {
            gradInput = _stage.Backward(Key(step, mb), arrived?.Gradient);
        }
        finally
        {
            arrived?.Gradient.Dispose();
        }
        _observer.OnSpan(new Span(Index, SpanKind.Backward, step, mb, start, _clock.GetTimestamp()));
        if (gradInput is not null)
            _previous!.Send(new Backward(Index, step, mb, TensorMeta.Of(gradInput), gradInput));
    }

    /// <summary>An optimizer step, recorded against micro-batch <paramref name="mb"/> (-1: after a flush).</summary>
    protected void RunOptimizerStep(long step, int mb)
    {
        var start = _clock.GetTimestamp();
        _stage.Step();
        _observer.OnSpan(new Span(Index, SpanKind.OptimizerStep, step, mb, start, _clock.GetTimestamp()));
    }

    /// <summary>Marks the start of a wait for input, unless one is already running.</summary>
    protected void StartWait()
    {
        if (_waitingSince < 0) _waitingSince = _clock.GetTimestamp();
    }

    protected void EndWait(long step, int mb)
    {
        if (_waitingSince < 0) return;
        var now = _clock.GetTimestamp();
        if (now > _waitingSince) _observer.OnSpan(new Span(Index, SpanKind.Wait, step, mb, _waitingSince, now));
        _waitingSince = -1;
    }

    /// <summary>Forgets a running wait without recording it (the stage is idle because no work was given).</summary>
    protected void ClearWait() => _waitingSince = -1;

    private void TrackMemory()
    {
        var bytes = _stage.StashedBytes;
        if (bytes <= _peakBytes) return;
        _peakBytes = bytes;
        _observer.OnStageMemory(Index, _stage.StaticBytes + bytes);
    }

    protected override void PostStop()
    {
        foreach (var f in _activations.Values) f.Activation.Dispose();
        foreach (var b in _gradients.Values) b.Gradient.Dispose();
        DropSnapshots(keepFrom: long.MaxValue);
        _inbox?.Clear();
        _previous?.Close();
        _next?.Close();
        DisposePending();
        _stage.Dispose();
    }
}
