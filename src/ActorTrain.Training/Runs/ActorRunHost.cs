using ActorTrain.Actors;
using ActorTrain.Training.Observability;
using ActorTrain.Training.Supervision;
using Serilog;

namespace ActorTrain.Training.Runs;

/// <summary>
/// Hosts one in-process run whose root actor (a pipeline or decoupled supervisor, the IST parameter server, the
/// data-parallel coordinator) owns the whole job: starts an actor system, turns cancellation into a failure the root
/// handles, waits for the result and tells the observer how the run ended. Disposing the system stops every actor.
/// </summary>
internal static class ActorRunHost
{
    /// <param name="dispatcher">Pinned for a root that computes (IST server, dp coordinator); the thread pool for one that only directs.</param>
    /// <param name="mailboxes">Optional runtime hook that sees every message posted and processed (profiling, tests).</param>
    public static async Task<TrainingResult> RunAsync<TRoot>(string name, Func<TaskCompletionSource<TrainingResult>, TRoot> root,
        ITrainingObserver observer, ILogger log, TimeProvider clock, CancellationToken ct,
        DispatcherKind dispatcher = DispatcherKind.Pinned, IMailboxObserver? mailboxes = null) where TRoot : ActorBase
    {
        var done = new TaskCompletionSource<TrainingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var succeeded = false;
        try
        {
            await using var system = ActorSystem.Create("actortrain-" + name,
                new ActorSystemOptions { TimeProvider = clock, Logger = log, MailboxObserver = mailboxes });
            var actor = system.ActorOf(Props.Create(() => root(done)).WithDispatcher(dispatcher), name);
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
