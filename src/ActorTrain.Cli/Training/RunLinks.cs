using ActorTrain.Config.Settings;
using ActorTrain.Faults;
using ActorTrain.Training.Links;

namespace ActorTrain.Cli.Training;

/// <summary>The links of a run from its settings: the protocol (`actortrain.links`) and the decorators, the fault injector last (nearest the wire).</summary>
internal static class RunLinks
{
    public static LinkProtocolOptions Protocol(LinkSettings links) => new(links.ResendTimeout, links.Retained);

    /// <summary>With <paramref name="recorder"/>, the plan of `actortrain.faults` is injected (and recorded); without, none.</summary>
    public static LinkFactory Create(ActorTrainSettings settings, ILinkDecorator? profiler, FaultRecorder? recorder)
    {
        var decorators = new List<ILinkDecorator>();
        if (profiler is not null) decorators.Add(profiler);
        if (recorder is not null && settings.Faults.Plan.Count > 0) decorators.Add(new FaultInjector(settings.Faults, recorder));
        return new LinkFactory(decorators, Protocol(settings.Links));
    }
}
