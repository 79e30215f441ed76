using ActorTrain.Training.Observability;

namespace ActorTrain.Profiling.Recording;

/// <summary>
/// An append-only store of spans in fixed-size chunks. A run records ~100k spans; chunks keep each
/// allocation under the large-object threshold and never copy what is already stored, so an append
/// costs one uncontended lock and a struct copy.
/// </summary>
internal sealed class SpanStore
{
    // 1024 spans of 48 bytes each stay below the 85,000-byte large-object heap threshold.
    private const int ChunkSize = 1024;

    private readonly Lock gate = new();
    private readonly List<Span[]> chunks = [];
    private int count;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    public void Add(in Span span)
    {
        lock (gate)
        {
            int offset = count % ChunkSize;
            if (offset == 0)
            {
                chunks.Add(new Span[ChunkSize]);
            }

            chunks[^1][offset] = span;
            count++;
        }
    }

    public Span[] ToArray()
    {
        lock (gate)
        {
            var all = new Span[count];
            for (int chunk = 0; chunk < chunks.Count; chunk++)
            {
                int start = chunk * ChunkSize;
                int length = Math.Min(ChunkSize, count - start);
                Array.Copy(chunks[chunk], 0, all, start, length);
            }

            return all;
        }
    }
}
