using System.Diagnostics;
using ActorTrain.Cluster.Messages;
using Akka.Actor;

namespace ActorTrain.Cluster.Node;

/// <summary>A worker's part in node faults and re-placement: it injects the driver's kill-node or leave-node, and releases its stages on request.</summary>
internal sealed partial class NodeActor
{
    private (IActorRef Driver, int Generation)? _releasing;

    /// <summary>Stops this worker's stages (their links close and the Gloo group is left when they stop) and answers once they are gone.</summary>
    private void OnReleaseStages(ReleaseStages release)
    {
        _log.Warning("The driver re-places the stages (generation {Generation}): releasing this worker's stages and Gloo group", release.Generation);
        _restoring = null;
        if (_stages is not { } stages)
        {
            Sender.Tell(new StagesReleased(release.Generation), Self);
            return;
        }
        _releasing = (Sender, release.Generation);
        Context.Watch(stages);
        stages.Tell(EndRun.Done, Self);
    }

    private void OnStagesTerminated(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_stages)) return;
        _stages = null;
        if (_releasing is not { } releasing) return;
        _releasing = null;
        releasing.Driver.Tell(new StagesReleased(releasing.Generation), Self);
    }

    /// <summary>
    /// The fault is injected here, at the process seam, never in stage code. SIGKILL gives no stage, link or Akka a
    /// chance to say goodbye, as a crashed machine would not; leaving ends the service as SIGTERM does (the cluster is
    /// left gracefully on the way out).
    /// </summary>
    private void OnInjectNodeFault(InjectNodeFault fault)
    {
        _log.Warning("Injected fault: {Fault}", fault.Description);
        if (fault.Kill)
        {
            Serilog.Log.CloseAndFlush();
            Process.GetCurrentProcess().Kill();
            return;
        }
        End(0, $"left the cluster ({fault.Description})");
    }
}
