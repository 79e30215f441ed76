using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch.Distributed;

/// <summary>
/// A view of another <see cref="Store"/> whose keys all live under one prefix; made by
/// <see cref="Store.WithPrefix"/>. Disposing it leaves the underlying store open.
/// </summary>
public sealed class PrefixStore : Store
{
    internal PrefixStore(StoreHandle handle, TimeSpan timeout, string description) : base(handle, timeout, description) { }
}
