using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch;

/// <summary>
/// A private CPU random generator. Random ops take an optional generator; an actor that owns one
/// draws the same numbers whatever other threads do, which the global seed cannot promise.
/// </summary>
public sealed class Generator : IDisposable
{
    private readonly GeneratorHandle _handle;

    public Generator(long seed)
    {
        Native.Check(NativeMethods.at_generator_new(seed, out var g));
        _handle = new GeneratorHandle(g);
    }

    internal GeneratorHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>Restarts the generator's sequence from <paramref name="seed"/>.</summary>
    public void ManualSeed(long seed) => Native.Check(NativeMethods.at_generator_seed(Handle, seed));

    public void Dispose() => _handle.Dispose();
}
