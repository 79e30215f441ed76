using ActorTrain.Cluster.Snapshots;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.PipelineParallel;

namespace ActorTrain.Cluster.Tests.Snapshots;

/// <summary>
/// The driver's choice between an in-memory snapshot and the disk checkpoint, without processes: workers A, B, C host
/// stages 0, 1, 2 and replicate to the next in the ring (A to B, B to C, C to A), as the workers acknowledge them.
/// </summary>
public sealed class SnapshotLedgerTests
{
    private const int Stages = 3;
    private static readonly string[] Hosts = ["A", "B", "C"];

    private readonly SnapshotLedger _ledger = new();

    [Fact]
    public void A_snapshot_is_complete_once_every_stage_has_its_own_copy_and_a_replica()
    {
        _ledger.Asked(4, Point(4), askedAt: 0);
        var completions = new List<bool>();
        for (var k = 0; k < Stages; k++)
        {
            completions.Add(_ledger.Held(4, k, Hosts[k], Stages, copies: 2));
            completions.Add(_ledger.Held(4, k, Buddy(k), Stages, copies: 2));
        }
        Assert.Equal([false, false, false, false, false, true], completions);
    }

    [Fact]
    public void An_in_place_restart_takes_the_newest_snapshot_every_stage_holds_from_its_own_worker()
    {
        TakeAndReplicate(4);
        _ledger.Asked(8, Point(8), askedAt: 0);
        // Before step 8 only stages 0 and 1 have copied their state so far.
        _ledger.Held(8, 0, "A", Stages, 2);
        _ledger.Held(8, 1, "B", Stages, 2);

        var choice = _ledger.Choose(Stages, checkpointStep: 0, Live("A", "B", "C"), k => Hosts[k]);

        Assert.NotNull(choice);
        Assert.Equal(4, choice.Step);
        Assert.Equal(Point(4), choice.Point);
        Assert.Equal(Hosts, choice.Holders);
    }

    [Fact]
    public void A_lost_workers_stage_is_restored_from_the_replica_on_its_buddy()
    {
        TakeAndReplicate(4);
        TakeAndReplicate(8);

        // B is lost; its stage 1 goes to C, the buddy that holds its replica.
        var choice = _ledger.Choose(Stages, checkpointStep: 0, Live("A", "C"), k => k == 1 ? "C" : Hosts[k]);

        Assert.NotNull(choice);
        Assert.Equal(8, choice.Step);
        Assert.Equal(["A", "C", "C"], choice.Holders);
    }

    [Fact]
    public void When_both_copies_of_a_stage_are_lost_the_checkpoint_is_used()
    {
        TakeAndReplicate(4);

        // B and C both lost: stage 1's own copy (B) and its replica (C) are gone.
        Assert.Null(_ledger.Choose(Stages, checkpointStep: 0, Live("A"), _ => "A"));
    }

    [Fact]
    public void A_snapshot_no_newer_than_the_last_committed_checkpoint_is_not_used()
    {
        TakeAndReplicate(4);
        TakeAndReplicate(8);

        Assert.Null(_ledger.Choose(Stages, checkpointStep: 8, Live("A", "B", "C"), k => Hosts[k]));
        Assert.Equal(8, _ledger.Choose(Stages, checkpointStep: 7, Live("A", "B", "C"), k => Hosts[k])?.Step);
    }

    [Fact]
    public void A_worker_keeps_two_copies_per_stage_so_a_stage_two_snapshots_ahead_no_longer_shares_one_with_the_others()
    {
        TakeAndReplicate(4);
        TakeAndReplicate(8);
        foreach (var step in new long[] { 12, 16 })
        {
            // Only stage 0 got to these steps before the failure.
            _ledger.Asked(step, Point(step), askedAt: 0);
            _ledger.Held(step, 0, "A", Stages, 2);
            _ledger.Held(step, 0, "B", Stages, 2);
            if (step == 12) Assert.Equal(8, _ledger.Choose(Stages, checkpointStep: 0, Live("A", "B", "C"), k => Hosts[k])?.Step);
        }

        // Stage 0 now holds 12 and 16, the others 4 and 8: no snapshot is whole.
        Assert.Null(_ledger.Choose(Stages, checkpointStep: 0, Live("A", "B", "C"), k => Hosts[k]));
    }

    private void TakeAndReplicate(long step)
    {
        _ledger.Asked(step, Point(step), askedAt: 0);
        for (var k = 0; k < Stages; k++)
        {
            _ledger.Held(step, k, Hosts[k], Stages, 2);
            _ledger.Held(step, k, Buddy(k), Stages, 2);
        }
    }

    private static string Buddy(int stage) => Hosts[(stage + 1) % Stages];

    private static HashSet<string> Live(params string[] workers) => workers.ToHashSet();

    private static SnapshotPoint Point(long step) => new(RunPosition.Start with { Step = step, Batch = (int)step }, step * 128, 2.0 / (step + 1));
}
