namespace ActorTrain.Cluster.Tests;

/// <summary>Tests that start cluster processes run one at a time: on two cores, side by side they would time each other out.</summary>
[CollectionDefinition(nameof(ClusterProcesses), DisableParallelization = true)]
public sealed class ClusterProcesses;
