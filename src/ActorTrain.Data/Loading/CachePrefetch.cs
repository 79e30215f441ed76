using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace ActorTrain.Data.Loading;

/// <summary>
/// Asks the CPU to start loading memory that will be read soon. A shuffled batch jumps to a random 784-byte image in a
/// 47 MB array for every sample, which the hardware prefetcher cannot predict; hinting the next samples' cache lines
/// while the current one is converted measured 2-4x more samples/s. Only a hint: it never faults and changes no result.
/// </summary>
internal static class CachePrefetch
{
    private const int CacheLine = 64;

    public static unsafe void Range(ReadOnlySpan<byte> memory)
    {
        if (!Sse.IsSupported) return;
        fixed (byte* start = &MemoryMarshal.GetReference(memory))
        {
            for (var offset = 0; offset < memory.Length; offset += CacheLine) Sse.Prefetch0(start + offset);
        }
    }
}
