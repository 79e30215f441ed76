namespace ActorTrain.Training.Links;

/// <summary>Wraps every link of a run (profiling counters, fault injectors); a decorator forwards to the link it wraps.</summary>
public interface ILinkDecorator
{
    IStageLink Decorate(IStageLink link);
}
