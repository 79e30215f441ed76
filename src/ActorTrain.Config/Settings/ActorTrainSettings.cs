namespace ActorTrain.Config.Settings;

/// <summary>
/// The whole validated configuration of a run: one record per section under `actortrain`, and Akka's section as text.
/// Built by <see cref="SettingsBinder"/>.
/// </summary>
public sealed record ActorTrainSettings(
    RunSettings Run,
    ModelSettings Model,
    DataSettings Data,
    PipelineSettings Pipeline,
    OptimizerSettings Optimizer,
    IReadOnlyList<ModePlanEntry> ModePlan,
    PolicySettings Policy,
    DecoupledSettings Decoupled,
    AsyncSettings Async,
    IstSettings Ist,
    DpSettings Dp,
    ProfilingSettings Profiling,
    LinkSettings Links,
    FaultSettings Faults,
    RecoverySettings Recovery,
    LoggingSettings Logging,
    ClusterSettings Cluster)
{
    /// <summary>
    /// The resolved `akka` section of the configuration as HOCON text, `akka { ... }` wrapper included, for Akka's
    /// <c>ConfigurationFactory.ParseString</c>; "" when the configuration has no `akka` section. Substitutions are
    /// already resolved. ActorTrain never checks these keys: Akka does.
    /// </summary>
    public string AkkaHocon { get; init; } = "";

    /// <summary>The modes the supervisor runs: <see cref="ModePlan"/>, or `run.mode` for `run.epochs` when the plan is empty.</summary>
    public IReadOnlyList<ModePlanEntry> EffectivePlan =>
        ModePlan.Count > 0 ? ModePlan : [new ModePlanEntry(Run.Mode, Run.Epochs, OptimizerStatePolicy.Keep)];
}
