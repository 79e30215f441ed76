namespace ActorTrain.Training.Schedules;

/// <summary>Turns a configured schedule name into its schedule.</summary>
internal static class ScheduleFactory
{
    public const string GPipe = "gpipe";
    public const string OneFOneB = "1f1b";

    /// <summary>The names <see cref="Create"/> accepts, in the order error messages list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [GPipe, OneFOneB];

    /// <summary>The schedule called <paramref name="name"/>, matched without regard to case.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static IPipelineSchedule Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            GPipe => new GPipeSchedule(),
            OneFOneB => new OneFOneBSchedule(),
            _ => throw new ArgumentException(
                $"unknown pipeline schedule '{name}': expected one of {string.Join(", ", Names)}", nameof(name)),
        };
    }
}
