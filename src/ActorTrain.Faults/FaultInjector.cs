using ActorTrain.Config.Settings;
using ActorTrain.Training.Links;

namespace ActorTrain.Faults;

/// <summary>
/// The link decorator that injects a plan's message faults: each link gets the plan's entries for it and a random
/// source seeded from `faults.seed` and the link, so a plan replays exactly. What it injects goes to the recorder.
/// </summary>
public sealed class FaultInjector(FaultSettings settings, FaultRecorder recorder, TimeProvider? clock = null) : ILinkDecorator
{
    public FaultRecorder Recorder => recorder;

    public IStageLink Decorate(IStageLink link)
    {
        var plan = settings.Plan.Where(f => f.From == link.From && f.To == link.To).ToList();
        if (plan.Count == 0) return link;
        // Not HashCode.Combine: it is seeded afresh in every process, and a plan must replay across processes.
        var random = new Random(unchecked(settings.Seed * 1_000_003 + link.From * 1_009 + link.To) & int.MaxValue);
        return new FaultInjectingLink(link, plan, random, recorder, clock ?? TimeProvider.System);
    }
}
