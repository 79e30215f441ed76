using ActorTrain.Training.Hosting.Messages;
using ActorTrain.Training.Observability;
using Akka.Actor;

namespace ActorTrain.Training.Hosting;

/// <summary>
/// Hosts one run whose root actor (a pipeline or decoupled supervisor, the IST parameter server, the data-parallel
/// coordinator) owns the whole job: starts the root in the environment's actor system (or a private one), turns
/// cancellation into an interrupt (stop at the next step boundary, checkpoint), waits for the result and for the root
/// and its children to have stopped, and tells the observer how the run ended.
/// </summary>
internal static class ActorRunHost
{
    private static int s_runs;

    public static async Task<TrainingResult> RunAsync(string name, Func<TaskCompletionSource<TrainingResult>, Props> root,
        RunEnvironment environment, ITrainingObserver observer, TimeProvider clock, CancellationToken ct)
    {
        var done = new TaskCompletionSource<TrainingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var owned = environment.System is null ? TrainingActorSystem.Create("actortrain") : null;
        var system = environment.System ?? owned!;
        var succeeded = false;
        try
        {
            // Mode plans start one root after another in the same system: each needs a name of its own.
            var actor = system.ActorOf(root(done), $"{name}-{Interlocked.Increment(ref s_runs)}");
            var stopped = actor.WatchAsync();
            // A root always completes the run before it stops; one that stopped first (it threw) must not leave the caller waiting.
            _ = stopped.ContinueWith(_ => done.TrySetException(
                new InvalidOperationException($"{actor.Path} stopped before the run ended (the log has its failure)")), TaskScheduler.Default);
            try
            {
                await using var _ = ct.Register(() => actor.Tell(InterruptTraining.Instance, ActorRefs.NoSender));
                var result = await done.Task.ConfigureAwait(false);
                succeeded = true;
                return result;
            }
            finally
            {
                // The root stops itself once it has a result; its children (and their native memory) go with it.
                await stopped.ConfigureAwait(false);
            }
        }
        finally
        {
            observer.OnRunFinished(succeeded, clock.GetTimestamp());
            if (owned is not null) await owned.Terminate().ConfigureAwait(false);
        }
    }
}
