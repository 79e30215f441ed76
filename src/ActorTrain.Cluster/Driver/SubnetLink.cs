using ActorTrain.Cluster.Links;
using ActorTrain.Cluster.Messages;
using ActorTrain.Torch;
using ActorTrain.Torch.Distributed;
using ActorTrain.Training.Hosting;
using ActorTrain.Training.Ist.Messages;
using Akka.Actor;

namespace ActorTrain.Cluster.Driver;

/// <summary>
/// Subnet worker w as the driver's parameter server sees it: a child that takes the server's TrainSubnet, announces the
/// round to the worker process over Akka and sends the slices over Gloo, then receives the trained slices the worker
/// announces and hands them to the server as SubnetTrained, exactly as a SubnetWorker in one process would. Runs on a
/// thread of its own (it blocks on Gloo), one per worker, so the workers' transfers overlap. A failed transfer throws
/// naming the worker and round; the server's supervision then fails the run.
/// </summary>
internal sealed class SubnetLink : ReceiveActor
{
    private readonly ProcessGroup _group;
    private readonly int _rank;
    private readonly IActorRef _worker;
    private readonly string _who;
    private readonly TimeSpan _timeout;
    private readonly GlooTraffic _sent, _received;
    private IActorRef _server = ActorRefs.Nobody;

    public SubnetLink(ProcessGroup group, int rank, IActorRef worker, string who, TimeSpan timeout, GlooTraffic sent, GlooTraffic received)
    {
        (_group, _rank, _worker, _who, _timeout, _sent, _received) = (group, rank, worker, who, timeout, sent, received);
        Receive<TrainSubnet>(OnTrainSubnet);
        Receive<SubnetRoundTrained>(OnRoundTrained);
    }

    /// <param name="sent">The driver's sends to every worker (one counter for the server's uplink).</param>
    /// <param name="received">What this worker sent back, timed at the driver's receives.</param>
    public static Props Props(ProcessGroup group, int rank, IActorRef worker, string who, TimeSpan timeout, GlooTraffic sent, GlooTraffic received) =>
        Akka.Actor.Props.Create(() => new SubnetLink(group, rank, worker, who, timeout, sent, received)).WithDispatcher(StageDispatcher.Id);

    private void OnTrainSubnet(TrainSubnet work)
    {
        _server = Sender;
        using var slices = work.Slices;
        var order = SubnetWire.Describe(slices);
        _worker.Tell(new TrainSubnetRound(work.Round, work.Epoch, work.FirstBatch, work.Steps, slices.OptimizerSteps, order), Self);
        try
        {
            SubnetWire.Send(_group, _rank, SubnetWire.ToWorkerTag, slices, order, _timeout, LinkPacing.Node, _sent);
        }
        catch (Exception e) when (e is DistributedException or TorchException)
        {
            throw new IOException($"sending round {work.Round}'s slices to {_who} failed: {e.Message}", e);
        }
    }

    private void OnRoundTrained(SubnetRoundTrained trained)
    {
        SubnetSlices slices;
        try
        {
            slices = SubnetWire.Receive(_group, _rank, SubnetWire.ToServerTag, trained.Slices, trained.OptimizerSteps, _timeout, _received);
        }
        catch (Exception e) when (e is DistributedException or TorchException)
        {
            throw new IOException($"receiving round {trained.Round}'s slices from {_who} failed: {e.Message}", e);
        }
        _server.Tell(new SubnetTrained(trained.Worker, trained.Round, slices, trained.LossSum, trained.Samples), Self);
    }
}
