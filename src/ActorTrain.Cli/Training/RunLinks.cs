using ActorTrain.Config.Settings;
using ActorTrain.Faults;
using ActorTrain.Training.Links;

namespace ActorTrain.Cli.Training;

/// <summary>
/// The links of a run from its settings: the protocol (`actortrain.links`) and the decorators, the fault injector last
/// (nearest the wire) for message faults and on the stages' side of the protocol for stage faults.
/// </summary>
internal static class RunLinks
{
    public static LinkProtocolOptions Protocol(LinkSettings links) => new(links.ResendTimeout, links.Retained);

    /// <summary>With <paramref name="recorder"/>, the plan of `actortrain.faults` is injected (and recorded); without, none.</summary>
    public static LinkFactory Create(ActorTrainSettings settings, ILinkDecorator? profiler, FaultRecorder? recorder) =>
        Create(settings, profiler, Injector(settings, recorder));

    /// <summary>The plan's injector, recording into <paramref name="recorder"/>; null without a recorder or a plan.</summary>
    public static FaultInjector? Injector(ActorTrainSettings settings, FaultRecorder? recorder) =>
        recorder is not null && settings.Faults.Plan.Count > 0 ? new FaultInjector(settings.Faults, recorder) : null;

    public static LinkFactory Create(ActorTrainSettings settings, ILinkDecorator? profiler, FaultInjector? injector)
    {
        var decorators = new List<ILinkDecorator>();
        var stageSide = new List<IStageOutputDecorator>();
        if (profiler is not null) decorators.Add(profiler);
        if (injector is not null)
        {
            decorators.Add(injector);
            if (injector.HasStageFaults) stageSide.Add(injector);
        }
        return new LinkFactory(decorators, Protocol(settings.Links), stageSide);
    }
}
