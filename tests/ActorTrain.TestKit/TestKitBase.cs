using ActorTrain.Actors;

namespace ActorTrain.TestKit;

/// <summary>
/// A base for actor tests: a fresh <see cref="ActorSystem"/> per test (xunit makes one instance per test), disposed
/// afterwards so no actor outlives its test.
/// </summary>
public abstract class TestKitBase : IDisposable
{
    protected TestKitBase(ActorSystemOptions? options = null) => Sys = ActorSystem.Create(GetType().Name, options);

    protected ActorSystem Sys { get; }

    protected TestProbe CreateTestProbe(string? name = null) => new(Sys, name);

    public void Dispose()
    {
        Sys.Dispose();
        GC.SuppressFinalize(this);
    }
}
