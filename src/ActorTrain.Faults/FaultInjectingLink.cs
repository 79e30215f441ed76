using ActorTrain.Config.Settings;
using ActorTrain.Torch;
using ActorTrain.Training.Links;

namespace ActorTrain.Faults;

/// <summary>
/// A faulty wire on one link: drops, delays, duplicates, holds back (reorders) or corrupts the first send of the
/// frames its plan names. Resends (attempt above 0) and frames without a link header pass untouched, so each fault
/// happens once and the protocol's healing is what the run shows. A held or delayed frame goes on from a timer thread:
/// the transport below is thread-safe, and the hold slot is locked.
/// </summary>
internal sealed class FaultInjectingLink(IStageLink inner, IReadOnlyList<FaultSpec> plan, Random random, FaultRecorder recorder, TimeProvider clock)
    : IStageLink
{
    private readonly Lock _hold = new();
    private LinkFrame? _held;
    private ITimer? _holdTimer;

    public int From => inner.From;

    public int To => inner.To;

    public void Send(ILinkMessage message)
    {
        if (message is not LinkFrame { Header.Attempt: 0 } frame || plan.FirstOrDefault(f => f.Hits(frame.Step, frame.MicroBatch, random)) is not { } fault)
        {
            inner.Send(message);
            ReleaseHeld();
            return;
        }
        recorder.OnInjected(new InjectedFault(fault.Kind, From, To, frame.Step, frame.MicroBatch, frame.Header.Sequence, clock.GetTimestamp(), frame.Header.Generation));
        switch (fault.Kind)
        {
            case FaultKind.Drop:
                frame.DisposeTensors();
                ReleaseHeld();
                break;
            case FaultKind.Delay:
                _ = Task.Delay(fault.Duration).ContinueWith(_ => inner.Send(frame), TaskScheduler.Default);
                ReleaseHeld();
                break;
            case FaultKind.Duplicate:
                var copy = frame.WithPayload(frame.Payload.Clone());
                inner.Send(frame);
                inner.Send(copy);
                ReleaseHeld();
                break;
            case FaultKind.Reorder:
                ReleaseHeld();
                Hold(frame, fault.Duration);
                break;
            case FaultKind.Corrupt:
                var corrupted = frame.WithPayload(FlipOneBit(frame.Payload));
                frame.DisposeTensors();
                inner.Send(corrupted);
                ReleaseHeld();
                break;
        }
    }

    private void Hold(LinkFrame frame, TimeSpan atMost)
    {
        lock (_hold)
        {
            _held = frame;
            _holdTimer = clock.CreateTimer(_ => ReleaseHeld(), null, atMost, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The held frame goes now, after the frame that overtook it (or when its hold ran out).</summary>
    private void ReleaseHeld()
    {
        LinkFrame? frame;
        lock (_hold)
        {
            (frame, _held) = (_held, null);
            _holdTimer?.Dispose();
            _holdTimer = null;
        }
        if (frame is not null) inner.Send(frame);
    }

    /// <summary>A copy of <paramref name="payload"/> with one seeded bit flipped: what a bad wire or NIC would deliver.</summary>
    private Tensor FlipOneBit(Tensor payload)
    {
        var copy = payload.Clone();
        var values = copy.ToArrayFloat();
        var i = random.Next(values.Length);
        values[i] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(values[i]) ^ (1 << random.Next(32)));
        copy.CopyFrom(values);
        return copy;
    }
}
