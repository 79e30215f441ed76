using System.Globalization;
using ActorTrain.Training.Schedules;

namespace ActorTrain.Training.Tests.Schedules;

/// <summary>Renders schedules and unit-time timelines in the notation of the timing tables in the schedules' comments.</summary>
internal static class ScheduleText
{
    public static string Actions(IReadOnlyList<PipelineAction> actions) => string.Join(" ", actions);

    /// <summary>Reads rows such as "F0 F1 B1 B0", one per stage, back into a table.</summary>
    public static IReadOnlyList<PipelineAction>[] Parse(string[] rows) =>
        rows.Select(row => (IReadOnlyList<PipelineAction>)row.Split(' ').Select(ParseAction).ToArray()).ToArray();

    public static string[] Table(IPipelineSchedule schedule, int stages, int microBatches) =>
        schedule.Table(stages, microBatches).Select(Actions).ToArray();

    /// <summary>One row per stage, one two-character cell per time unit, ".." where the stage idles.</summary>
    public static string[] Grid(PipelineTimeline timeline)
    {
        var slots = (int)timeline.Makespan;
        return timeline.Stages.Select(stage =>
        {
            var cells = Enumerable.Repeat("..", slots).ToArray();
            foreach (var timed in stage.Actions)
            {
                for (var slot = (int)timed.Start; slot < (int)timed.End; slot++)
                {
                    cells[slot] = timed.Action.ToString();
                }
            }

            return string.Join(" ", cells);
        }).ToArray();
    }

    private static PipelineAction ParseAction(string text) =>
        new(text[0] == 'F' ? ActionKind.Forward : ActionKind.Backward, int.Parse(text[1..], CultureInfo.InvariantCulture));
}
