using ActorTrain.Config.Settings;
using ActorTrain.Torch;
using ActorTrain.Training.Links;

namespace ActorTrain.Faults;

/// <summary>
/// A stage's outgoing link as its own compute would misbehave, on the stage's side of the link protocol (before the
/// frame is stamped and checksummed, so the wire is blameless): a crash throws on the stage's thread, a hang blocks it
/// for the fault's duration and then sends late (by then a rollback has made the frame stale), a NaN replaces the
/// output, a straggler holds each send back. Runs on the sending stage's thread.
/// </summary>
internal sealed class StageFaultLink(IStageLink inner, StageFaultBook book, long generation, FaultRecorder recorder, TimeProvider clock) : IStageLink
{
    public int From => inner.From;

    public int To => inner.To;

    public void Send(ILinkMessage message)
    {
        if (!message.IsTrainingTraffic)
        {
            inner.Send(message);
            return;
        }
        foreach (var fault in book.Fire(From, message, generation))
        {
            Record(fault, message);
            switch (fault.Kind)
            {
                case FaultKind.Crash:
                    message.DisposeTensors();
                    throw new InjectedCrashException(From, message.Step);
                case FaultKind.Hang:
                    // The fault itself: the stage's thread stops answering anything, pings included.
                    Thread.Sleep(fault.Duration);
                    break;
                case FaultKind.Nan:
                    message = Poisoned(message);
                    break;
            }
        }
        var (hold, firstHit) = book.Straggle(From, message, clock.GetTimestamp(), clock.TimestampFrequency);
        if (firstHit is not null) Record(firstHit, message);
        if (hold > TimeSpan.Zero)
        {
            Thread.Sleep(hold);
            book.Sent(From, clock.GetTimestamp());
        }
        inner.Send(message);
    }

    public void Control(ILinkControl message) => inner.Control(message);

    public void Close() => inner.Close();

    private void Record(FaultSpec fault, ILinkMessage message) =>
        recorder.OnInjected(new InjectedFault(fault.Kind, From, From, message.Step, message.MicroBatch, -1, clock.GetTimestamp()));

    /// <summary>The same message with every value NaN: what a transient compute fault (a bad FMA, a flipped exponent) sends on.</summary>
    private static ILinkMessage Poisoned(ILinkMessage message)
    {
        var nan = message.Payload.Clone();
        nan.Fill_(double.NaN);
        message.DisposeTensors();
        return message.WithPayload(nan);
    }
}
