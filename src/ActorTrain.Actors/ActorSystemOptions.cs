using Serilog;

namespace ActorTrain.Actors;

/// <summary>Settings of an <see cref="ActorSystem"/>; every one has a default.</summary>
public sealed class ActorSystemOptions
{
    /// <summary>The clock of the scheduler, Ask timeouts, supervision windows and backoff; a manual one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the runtime logs; null uses Serilog's global <see cref="Serilog.Log.Logger"/>.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The profiling seam; null costs nothing.</summary>
    public IMailboxObserver? MailboxObserver { get; init; }

    /// <summary>The fault-injection seam; null costs nothing.</summary>
    public IMessageInterceptor? MessageInterceptor { get; init; }

    /// <summary>User messages an actor processes per turn before yielding its thread (fairness against batching).</summary>
    public int Throughput { get; init; } = 100;

    /// <summary>How long disposing waits for every actor to stop before giving up and logging which are left.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How the /user guardian supervises top-level actors; an Escalate there means Stop. Null uses the default strategy.</summary>
    public SupervisorStrategy? GuardianStrategy { get; init; }
}
