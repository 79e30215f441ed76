namespace ActorTrain.Config.Settings;

/// <summary>Which fault kinds act on a stage (named by `stage`) rather than on a link (named by `link`).</summary>
public static class FaultKinds
{
    public static bool IsStageFault(this FaultKind kind) => kind is FaultKind.Crash or FaultKind.Hang or FaultKind.Straggler or FaultKind.Nan;
}
