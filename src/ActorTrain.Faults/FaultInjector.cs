using ActorTrain.Config.Settings;
using ActorTrain.Training.Links;

namespace ActorTrain.Faults;

/// <summary>
/// Injects a fault plan at the link seam. As a link decorator (nearest the wire) it injects the message faults: each
/// link gets the plan's entries for it and a random source seeded from `faults.seed` and the link, so a plan replays
/// exactly. As a stage-side decorator it injects the stage faults (crash, hang, straggler, nan) into what each stage
/// sends, before the link protocol sees it. What it injects goes to the recorder.
/// </summary>
public sealed class FaultInjector(FaultSettings settings, FaultRecorder recorder, TimeProvider? clock = null) : ILinkDecorator, IStageOutputDecorator
{
    private readonly StageFaultBook _stageFaults = new(settings.Plan);
    private readonly Dictionary<(int From, int To), Random> _randoms = new();

    public FaultRecorder Recorder => recorder;

    /// <summary>Whether the plan holds a stage fault (then the run needs recovery on to survive it).</summary>
    public bool HasStageFaults => settings.Plan.Any(f => f.Kind.IsStageFault());

    /// <summary>How often each plan entry has fired in other processes of a clustered run, by plan index.</summary>
    public void MarkFired(IReadOnlyList<int> fired) => _stageFaults.MarkFired(fired);

    public IStageLink Decorate(IStageLink link)
    {
        var plan = settings.Plan.Where(f => f.Kind.IsLinkFault() && f.From == link.From && f.To == link.To).ToList();
        if (plan.Count == 0) return link;
        return new FaultInjectingLink(link, plan, RandomOf(link), recorder, clock ?? TimeProvider.System);
    }

    /// <summary>
    /// The link's random source, one per link for the whole run: a rollback decorates the link again, and its rate
    /// faults go on drawing rather than starting the sequence over (which would skip the frames after the rollback point).
    /// </summary>
    private Random RandomOf(IStageLink link)
    {
        lock (_randoms)
        {
            // Not HashCode.Combine: it is seeded afresh in every process, and a plan must replay across processes.
            if (!_randoms.TryGetValue((link.From, link.To), out var random))
                _randoms[(link.From, link.To)] = random = new Random(unchecked(settings.Seed * 1_000_003 + link.From * 1_009 + link.To) & int.MaxValue);
            return random;
        }
    }

    public IStageLink Decorate(IStageLink link, long generation) =>
        _stageFaults.HasFaultsFor(link.From) ? new StageFaultLink(link, _stageFaults, generation, recorder, clock ?? TimeProvider.System) : link;
}
