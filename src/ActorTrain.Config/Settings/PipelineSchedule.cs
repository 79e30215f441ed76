namespace ActorTrain.Config.Settings;

/// <summary>The order of forwards and backwards within a mini-batch.</summary>
public enum PipelineSchedule
{
    GPipe,
    [ConfigName("1f1b")]
    OneFOneB,
}
