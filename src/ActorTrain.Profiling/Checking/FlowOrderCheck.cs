using System.Globalization;

namespace ActorTrain.Profiling.Checking;

/// <summary>
/// Every arrow of a flow starts before it ends: each event no earlier than the one before it. Work on one stage
/// cannot begin before the neighbour's work it depends on, so an arrow back in time means clocks that disagree (in a
/// clustered run, a wrong clock offset) or a mislinked flow.
/// </summary>
internal static class FlowOrderCheck
{
    public static IEnumerable<TraceProblem> Find(TraceDocument trace, double tolerance)
    {
        foreach (var flow in trace.Flows.GroupBy(f => f.Key))
        {
            TraceFlowEvent? previous = null;
            foreach (var e in flow)
            {
                if (previous is not null && e.Timestamp < previous.Timestamp - tolerance)
                {
                    yield return new TraceProblem(
                        TraceProblemKind.FlowBackInTime,
                        string.Create(CultureInfo.InvariantCulture,
                            $"flow {flow.Key} runs back in time: '{e.Phase}' at {e.Timestamp:0.###} us on {trace.NameOf(e.Thread)} comes after '{previous.Phase}' at {previous.Timestamp:0.###} us on {trace.NameOf(previous.Thread)}"));
                }

                previous = e;
            }
        }
    }
}
