namespace ActorTrain.Training.Schedules;

/// <summary>
/// What a stage does with one micro-batch. There is no step action: in sync mode the driver runs the
/// optimizer step once every stage has finished its list (the flush), so a schedule only orders
/// passes.
/// </summary>
public enum ActionKind
{
    Forward,
    Backward,
}
