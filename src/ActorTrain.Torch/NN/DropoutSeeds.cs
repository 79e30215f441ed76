namespace ActorTrain.Torch.NN;

/// <summary>
/// Where a <see cref="Dropout"/> layer draws its mask from. Inside <see cref="Enter"/> (on this thread) each layer
/// seeds a private generator from the scope's seed and its own stream number, so a mask is a function of what the
/// caller names (a pipeline stage names the run seed and the micro-batch): the same on a replay after a rollback, on a
/// resumed run, in a worker process, whatever the other stage threads draw. Outside a scope dropout draws from
/// libtorch's global generator, as torch does.
/// </summary>
public static class DropoutSeeds
{
    [ThreadStatic] private static long? _current;

    /// <summary>The scope's seed on this thread, or null outside any.</summary>
    public static long? Current => _current;

    /// <summary>Until the returned scope is disposed, dropout on this thread draws from <paramref name="seed"/>.</summary>
    public static Scope Enter(long seed)
    {
        var previous = _current;
        _current = seed;
        return new Scope(previous);
    }

    /// <summary>
    /// A seed for <paramref name="stream"/> under <paramref name="seed"/>: SplitMix64's finaliser over both, so nearby
    /// seeds and streams give unrelated generators.
    /// </summary>
    public static long Mix(long seed, long stream)
    {
        unchecked
        {
            var z = (ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (long)((z ^ (z >> 31)) & long.MaxValue);
        }
    }

    public readonly struct Scope(long? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}
