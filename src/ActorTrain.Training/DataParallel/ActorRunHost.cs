using ActorTrain.Actors;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Supervision;
using Serilog;

namespace ActorTrain.Training.DataParallel;

/// <summary>
/// Hosts one in-process run whose root actor (the IST parameter server, the data-parallel coordinator) owns the whole
/// job: starts an actor system with the root on a pinned thread, turns cancellation into a failure the root handles,
/// waits for the result and tells the observer how the run ended. Disposing the system stops every actor.
/// </summary>
internal static class ActorRunHost
{
    public static async Task<TrainingResult> RunAsync<TRoot>(string name, Func<TaskCompletionSource<TrainingResult>, TRoot> root,
        ITrainingObserver observer, ILogger log, TimeProvider clock, CancellationToken ct) where TRoot : ActorBase
    {
        var done = new TaskCompletionSource<TrainingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var succeeded = false;
        try
        {
            await using var system = ActorSystem.Create("actortrain-" + name, new ActorSystemOptions { TimeProvider = clock, Logger = log });
            var actor = system.ActorOf(Props.Create(() => root(done)).WithDispatcher(Dispatchers.Pinned), name);
            await using var _ = ct.Register(() => actor.Tell(new StageFailed("cancellation", new OperationCanceledException("training was cancelled"))));
            var result = await done.Task.ConfigureAwait(false);
            succeeded = true;
            return result;
        }
        finally
        {
            observer.OnRunFinished(succeeded, clock.GetTimestamp());
        }
    }
}
