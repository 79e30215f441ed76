namespace ActorTrain.Torch;

/// <summary>An error raised inside libtorch or the shim, carrying libtorch's own message.</summary>
public class TorchException : Exception
{
    public TorchException(string message) : base(message) { }

    internal static TorchException FromNativeMessage(string message) => new(message.Trim());
}
