using ActorTrain.Cli.Bench;

namespace ActorTrain.Cli.Tests.Bench;

[Collection(nameof(InProcessCommands))]
public sealed class SeedsBenchTests
{
    [TrainingFact]
    public void A_quick_run_reports_every_configuration_over_the_seeds_and_a_verdict_for_every_claim()
    {
        var lines = new List<string>();

        var report = new SeedsBench().Run(new BenchOptions(Quick: true, Sets: [], Seeds: 2), lines.Add);

        var runs = report.Json["runs"]!.AsArray();
        Assert.Equal(7, runs.Count);
        Assert.All(runs, r => Assert.Equal(2, r!["test-accuracy"]!["values"]!.AsArray().Count));
        var claims = report.Json["claims"]!.AsArray();
        Assert.Equal(7, claims.Count);
        Assert.All(claims, c => Assert.NotNull(c!["verdict"]!.GetValue<string>()));
        Assert.Contains(lines, l => l.StartsWith("seed 2/2 dp n=2: accuracy", StringComparison.Ordinal));
    }

    [Fact]
    public void One_seed_is_refused_because_it_has_no_spread()
    {
        var e = Assert.Throws<UsageException>(() => new SeedsBench().Run(new BenchOptions(Quick: true, Sets: [], Seeds: 1), _ => { }));

        Assert.Contains("--seeds 2 or more", e.Message);
    }
}
