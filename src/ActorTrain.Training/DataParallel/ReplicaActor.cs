using Akka.Actor;
using ActorTrain.Data.Loading;
using ActorTrain.Training.DataParallel.Messages;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Pipeline;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Training.DataParallel;

/// <summary>
/// Runs one <see cref="Replica"/> on a thread of its own (the stage dispatcher) (every handler calls into libtorch, whose thread settings and grad
/// mode are per thread). Mailbox order keeps it consistent: a step's averaged gradients always arrive before the next
/// step's work.
/// </summary>
internal sealed class ReplicaActor : ReceiveActor
{
    private readonly Replica _replica;
    private readonly int _threads;
    private readonly ITrainingObserver _observer;
    private readonly TimeProvider _clock;

    public ReplicaActor(Replica replica, BatchLoader test, int threads, ITrainingObserver observer, TimeProvider clock)
    {
        (_replica, _threads, _observer, _clock) = (replica, threads, observer, clock);

        Receive<ComputeGradients>(work =>
        {
            var local = _replica.ComputeGradients(work, _observer, _clock);
            var computed = _clock.GetTimestamp();
            // Recorded before sending: from then on the coordinator owns (and disposes) the gradients, and whatever it
            // records on this replica's lane in answer cannot overlap the span.
            Span(SpanKind.Send, work.Step, computed, _clock.GetTimestamp(), local.Gradients.Sum(g => g.NBytes));
            Sender.Tell(local, Self);
        });
        Receive<AveragedGradients>(averaged =>
        {
            var start = _clock.GetTimestamp();
            Span(SpanKind.Receive, averaged.Step, start, start, averaged.Gradients.Sum(g => g.NBytes));
            try
            {
                _replica.Apply(averaged.Gradients);
            }
            finally
            {
                foreach (var g in averaged.Gradients) g.Dispose();
            }
            Span(SpanKind.OptimizerStep, averaged.Step, start, _clock.GetTimestamp());
        });
        Receive<Drain>(_ => Sender.Tell(new Drained(_replica.Index), Self));
        Receive<SaveStage>(save =>
        {
            StageState.Save(save.Path, _replica.Model, _replica.Optimizer, save.Metadata);
            Sender.Tell(new StageSaved(_replica.Index, save.Path), Self);
        });
        Receive<EvaluateReplica>(e =>
        {
            var start = _clock.GetTimestamp();
            _replica.Model.Eval();
            var (loss, accuracy) = WholeModel.Evaluate(_replica.Model, test);
            _replica.Model.Train();
            Span(SpanKind.Evaluate, -1, start, _clock.GetTimestamp());
            Sender.Tell(new ReplicaEvaluated(e.Epoch, loss, accuracy), Self);
        });
    }

    protected override void PreStart() => Torch.Torch.SetThreads(_threads);

    private void Span(SpanKind kind, long step, long start, long end, long bytes = 0) =>
        _observer.OnSpan(new Span(_replica.Index, kind, step, -1, start, end, bytes));
}
