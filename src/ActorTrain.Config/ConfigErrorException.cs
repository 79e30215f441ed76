using ActorTrain.Config.Hocon;

namespace ActorTrain.Config;

/// <summary>
/// A configuration that cannot be read or used: a syntax error, an unresolvable substitution, a missing include,
/// a value of the wrong type. <see cref="Origin"/> says where, when it is known.
/// </summary>
public class ConfigErrorException : Exception
{
    public ConfigErrorException(string reason, HoconOrigin? origin = null)
        : base(origin is { } o ? $"{o}: {reason}" : reason)
    {
        Reason = reason;
        Origin = origin;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    public HoconOrigin? Origin { get; }
    public string? File => Origin?.File;
    public int? Line => Origin?.Line;
    public int? Column => Origin?.Column;
}
