using ActorTrain.Cluster.Messages;
using ActorTrain.Training.Pipeline.Messages;

namespace ActorTrain.Cluster.Node;

/// <summary>
/// A storage fault the driver injects into this worker's part of a checkpoint. checkpoint-write-fail: the stage files
/// are not written and the driver hears ENOSPC's text, as from a full disk. kill-during-checkpoint: the files are
/// written, then the process SIGKILLs itself (through the node, as kill-node does) before it reports them, so the
/// checkpoint is never committed. Registered before the plain handlers, which it pre-empts only for the faulted step.
/// </summary>
internal sealed partial class WorkerStages
{
    private InjectStorageFault? _storageFault;
    private int _savedBeforeKill;

    private void ReceiveStorageFaults()
    {
        Receive<InjectStorageFault>(f => _storageFault = f);
        Receive<SaveStages>(FailWrite, save => _storageFault is { Kill: false } f && f.Step == save.Step);
        Receive<StageSaved>(KillOnceWritten, _ => _storageFault is { Kill: true });
    }

    private void FailWrite(SaveStages save)
    {
        _log.Warning("Injected fault: {Fault}", _storageFault!.Description);
        _storageFault = null;
        _driver.Tell(new StagesNotSaved(_plan.Rank, save.Step, $"No space left on device (injected checkpoint-write-fail at step {save.Step})"), Self);
    }

    private void KillOnceWritten(StageSaved saved)
    {
        if (++_savedBeforeKill < _stageActors.Count) return;
        _log.Warning("Injected fault: {Fault}; stage files written to {Directory}, not reported", _storageFault!.Description, Path.GetDirectoryName(saved.Path));
        Context.Parent.Tell(new InjectNodeFault(Kill: true, _storageFault.Description), Self);
    }
}
