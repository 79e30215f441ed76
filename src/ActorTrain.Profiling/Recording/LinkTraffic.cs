namespace ActorTrain.Profiling.Recording;

/// <summary>What crossed one link (stage <see cref="From"/> to stage <see cref="To"/>) as one message type: count, payload bytes, time spent sending.</summary>
internal sealed record LinkTraffic(int From, int To, string Type, long Messages, long Bytes, double SendMs);
