using ActorTrain.Torch;

namespace ActorTrain.Training.Options;

/// <summary>How the model is cut into stages and how micro-batches flow through them.</summary>
public sealed record PipelineOptions(
    int Stages = 2,
    string Partition = "auto",
    IReadOnlyList<int>? Balance = null,
    int MicroBatches = 4,
    string Schedule = "1f1b",
    IReadOnlyList<Device>? Devices = null,
    int ThreadsPerStage = 1)
{
    public Device DeviceOf(int stage) =>
        Devices is null || Devices.Count == 0 ? Device.Cpu : Devices[Devices.Count == 1 ? 0 : stage];
}
