namespace ActorTrain.Cluster.Tests;

/// <summary>
/// Tests that start cluster processes run in two lanes, one test at a time in each: this one (faults, recovery, resume,
/// profiles) and <see cref="ClusterModeProcesses"/> (each training mode on workers). A clustered test spends most of its
/// wall time starting processes and forming the cluster, about half a core's work, so two lanes fill a 2-core machine;
/// more would time each other out.
/// </summary>
[CollectionDefinition(nameof(ClusterProcesses))]
public sealed class ClusterProcesses;

/// <summary>The second lane of clustered tests (see <see cref="ClusterProcesses"/>).</summary>
[CollectionDefinition(nameof(ClusterModeProcesses))]
public sealed class ClusterModeProcesses;
