using ActorTrain.Config.Settings;
using ActorTrain.Data.Datasets;

namespace ActorTrain.Cluster.Driver;

/// <summary>What the driver of a clustered ist run holds to be its parameter server: the IST settings and its own copy of the data (test split, recalibration batches).</summary>
internal sealed record IstServer(IstSettings Ist, Dataset Data);
