using ActorTrain.Cluster.Messages;

namespace ActorTrain.Cluster.Driver;

internal sealed partial class ClusterDriver
{
    private readonly SortedDictionary<int, LinkHealth> _linkHealth = new();

    /// <summary>
    /// Says once, at the end, what the link protocol healed between the workers (resends, duplicates, corrupt frames),
    /// so an experiment with message faults shows them in the driver's output; a clean wire says so too.
    /// </summary>
    private void ReportLinkHealth()
    {
        var totals = _linkHealth.Values.SelectMany(h => h.Events).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        if (totals.Count == 0) _log.Information("Link protocol: no frame lost, repeated, reordered or corrupted on the workers' links");
        else _log.Information("Link protocol healed the workers' links: {Events:l}", string.Join(", ", totals.OrderBy(t => t.Key).Select(t => $"{t.Key} {t.Value}")));
    }
}
