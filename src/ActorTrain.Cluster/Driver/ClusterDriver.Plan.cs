using ActorTrain.Cluster.Messages;
using Akka.Actor;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// A mode plan (or the policy) runs each entry (segment) as a run generation with a driver of its own; these hand the
/// workers on from one to the next, and pass the workers' stage times to the policy.
/// </summary>
internal sealed partial class ClusterDriver
{
    private void ReceivePlanGenerations()
    {
        Receive<AdoptWorkers>(OnAdoptWorkers);
        Receive<StageTimes>(t => (_observer as StageTimeSpans)?.Add(t, _position.Step));
        Receive<HandOverWorkers>(_ => Sender.Tell(new AdoptWorkers(_workers.Select(w => new WorkerEntry(w.Node, w.Address, w.Pid)).ToList()), Self));
    }

    private void OnAdoptWorkers(AdoptWorkers adopt)
    {
        if (_placed || _finished) return;
        foreach (var worker in adopt.Workers)
        {
            _workers.Add(worker);
            Context.Watch(worker.Node);
        }
        _log.Information("Continuing on the {Workers} worker(s) of the previous mode-plan entry", _workers.Count);
        Place();
    }
}
