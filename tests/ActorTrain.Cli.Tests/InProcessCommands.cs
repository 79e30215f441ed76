namespace ActorTrain.Cli.Tests;

/// <summary>
/// Tests that run `actortrain` commands inside the test process. A command owns process-wide state (the process's actor
/// system, Serilog's global logger that Akka logs through, signal handlers), as it does when it is the whole process, so
/// these tests run one at a time and apart from the rest.
/// </summary>
[CollectionDefinition(nameof(InProcessCommands), DisableParallelization = true)]
public sealed class InProcessCommands;
