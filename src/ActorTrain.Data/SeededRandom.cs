using System.Numerics;

namespace ActorTrain.Data;

/// <summary>
/// xoshiro256** seeded through SplitMix64 from (seed, stream). Every step is specified here, so the same
/// (seed, stream) gives the same numbers in every process, on every machine and every .NET version,
/// which <see cref="Random"/> does not promise. Shuffles, shards and synthetic data depend on that.
/// </summary>
public sealed class SeededRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15;
    private ulong _s0, _s1, _s2, _s3;

    /// <param name="seed">the run's seed.</param>
    /// <param name="stream">which independent sequence of that seed (an epoch, a worker, a table).</param>
    public SeededRandom(ulong seed, ulong stream = 0)
    {
        // Multiplying by an odd constant is a bijection, so for one seed every stream starts elsewhere.
        var state = Mix(seed) ^ (stream * Golden);
        _s0 = NextSplitMix(ref state);
        _s1 = NextSplitMix(ref state);
        _s2 = NextSplitMix(ref state);
        _s3 = NextSplitMix(ref state);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (Lemire's multiply-and-reject).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var b = (uint)bound;
        var m = (NextUInt64() >> 32) * b;
        if ((uint)m < b)
        {
            var threshold = (0u - b) % b;
            while ((uint)m < threshold) m = (NextUInt64() >> 32) * b;
        }
        return (int)(m >> 32);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fisher–Yates from the last element down.</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static ulong NextSplitMix(ref ulong state)
    {
        state += Golden;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
