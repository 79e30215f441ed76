namespace ActorTrain.Config.Settings;

/// <summary>What a fault does to one activation or gradient on a link.</summary>
public enum FaultKind
{
    /// <summary>The frame is lost.</summary>
    Drop,
    /// <summary>The frame arrives after `duration`.</summary>
    Delay,
    /// <summary>The frame arrives twice.</summary>
    Duplicate,
    /// <summary>The frame is held back until the link's next frame has gone (or `duration`, 50ms by default, passed).</summary>
    Reorder,
    /// <summary>One bit of the payload is flipped on the way.</summary>
    Corrupt,
}
