using ActorTrain.Training.Hosting;
using ActorTrain.Training.Observability;
using Akka.Actor;

namespace ActorTrain.Training.Tests.Hosting;

public sealed class ActorRunHostTests
{
    [Fact]
    public async Task A_root_that_throws_before_it_has_a_result_fails_the_run_instead_of_leaving_it_waiting()
    {
        var run = ActorRunHost.RunAsync("throwing", _ => Props.Create(() => new ThrowingRoot()), RunEnvironment.Private,
            NullTrainingObserver.Instance, TimeProvider.System, default);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("stopped before the run ended", e.Message);
    }

    [Fact]
    public async Task A_root_that_completes_its_run_returns_the_result_and_is_gone_when_the_call_returns()
    {
        IActorRef? root = null;
        var result = await ActorRunHost.RunAsync("finishing", done => Props.Create(() => new FinishingRoot(done)), RunEnvironment.Private,
            NullTrainingObserver.Instance, TimeProvider.System, default).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(7, result.Steps);
        Assert.Null(root);
    }

    private sealed class ThrowingRoot : ReceiveActor
    {
        protected override void PreStart() => throw new InvalidOperationException("broken at start");
    }

    private sealed class FinishingRoot : ReceiveActor
    {
        public FinishingRoot(TaskCompletionSource<Training.Hosting.TrainingResult> done)
        {
            done.SetResult(new Training.Hosting.TrainingResult(7, 0, null, null, 0, TimeSpan.Zero, null));
            Context.Stop(Self);
        }
    }
}
