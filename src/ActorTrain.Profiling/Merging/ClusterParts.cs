namespace ActorTrain.Profiling.Merging;

/// <summary>Reads the parts the workers said they wrote; a part that is missing or unreadable marks its worker as not delivered, with the reason.</summary>
internal static class ClusterParts
{
    public static IReadOnlyDictionary<int, NodePart> Read(ClusterNodes nodes)
    {
        var parts = new Dictionary<int, NodePart>();
        foreach (var worker in nodes.Workers())
        {
            if (worker.PartPath is not { } path) continue;
            try
            {
                parts[worker.Rank] = NodePartFile.Read(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                nodes.NotDelivered(worker.Rank, $"its part {path} cannot be read: {e.Message}");
            }
        }
        return parts;
    }
}
