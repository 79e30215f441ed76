using Akka.Actor;
using ActorTrain.Training.Ist.Messages;
using ActorTrain.Training.Observability;

namespace ActorTrain.Training.Ist;

/// <summary>
/// One IST worker on a thread of its own (the stage dispatcher) (libtorch's thread count and grad mode are per thread): loads the slices the
/// server sent, trains its subnet for the round's local steps and sends its slices back.
/// </summary>
internal sealed class SubnetWorker : ReceiveActor
{
    private readonly SubnetTrainer _trainer;
    private readonly int _threads;

    public SubnetWorker(SubnetTrainer trainer, int threads, ITrainingObserver observer, TimeProvider clock)
    {
        (_trainer, _threads) = (trainer, threads);
        Receive<TrainSubnet>(work =>
        {
            using (work.Slices) _trainer.Load(work.Slices);
            var (lossSum, samples) = _trainer.Train(work.Round, work.Epoch, work.FirstBatch, work.Steps, observer, clock);
            var start = clock.GetTimestamp();
            var slices = _trainer.Collect();
            // Recorded before sending: from then on the server owns (and disposes) the slices, and the spans it records
            // on this worker's lane for the next round cannot overlap this one.
            observer.OnSpan(new Span(_trainer.Worker, SpanKind.Send, work.Round, -1, start, clock.GetTimestamp(), slices.Bytes));
            Sender.Tell(new SubnetTrained(_trainer.Worker, work.Round, slices, lossSum, samples), Self);
        });
    }

    protected override void PreStart() => Torch.Torch.SetThreads(_threads);
}
