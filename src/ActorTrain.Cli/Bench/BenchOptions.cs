namespace ActorTrain.Cli.Bench;

/// <summary>
/// Options every bench accepts. <see cref="Quick"/> shrinks the work so tests can run a bench end to end;
/// <see cref="Seeds"/> (bench seeds only) is how many seeds each configuration runs with.
/// </summary>
internal sealed record BenchOptions(bool Quick, IReadOnlyList<string> Sets, int? Seeds = null)
{
    /// <summary>For benches without run sizes: a --set is a usage error rather than silently ignored.</summary>
    public void RefuseSets(string bench)
    {
        if (Sets.Count > 0) throw new UsageException($"bench {bench} takes no --set (only bench compute has run sizes).");
    }
}
