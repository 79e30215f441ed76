using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch.Distributed;

/// <summary>
/// A store or process-group operation failed: a timeout, a peer that closed its connection, a store
/// that could not be reached. The message names the operation and the peer, followed by c10d's or
/// Gloo's own words.
/// </summary>
public class DistributedException : TorchException
{
    public DistributedException(string message) : base(message) { }

    /// <summary>Takes the shim's error for a failed <paramref name="status"/> and names the operation in front of it.</summary>
    internal static DistributedException FromStatus(int status, string operation)
    {
        try
        {
            Native.Check(status);
        }
        catch (TorchException e)
        {
            return new DistributedException($"{operation} failed: {e.Message}");
        }
        return new DistributedException($"{operation} failed");
    }
}
