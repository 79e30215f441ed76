namespace ActorTrain.Faults;

/// <summary>What an injected crash throws on the stage's thread: the stage actor fails as if its own code had thrown.</summary>
public sealed class InjectedCrashException(int stage, long step) : Exception($"injected crash of stage {stage} at step {step} (fault plan)");
