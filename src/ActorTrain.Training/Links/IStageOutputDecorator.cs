namespace ActorTrain.Training.Links;

/// <summary>
/// Wraps a pipeline link on the stage's side of the link protocol: it sees each activation and gradient as the stage
/// hands it over, before the protocol stamps and checksums it, so what it does counts as the stage's own doing (a crash,
/// a hang, a NaN output: the stage-fault injector), not the wire's. Called again with each rollback's new
/// <paramref name="generation"/> of links.
/// </summary>
public interface IStageOutputDecorator
{
    IStageLink Decorate(IStageLink link, long generation);
}
