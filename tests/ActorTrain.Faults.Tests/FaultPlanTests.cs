using ActorTrain.Config;
using ActorTrain.Config.Settings;

namespace ActorTrain.Faults.Tests;

/// <summary>`actortrain.faults`: every entry parses into where and when, and a wrong one is refused naming its key.</summary>
public sealed class FaultPlanTests
{
    private static FaultSettings Bind(string plan) => SettingsBinder.Bind(ConfigLoader.Load(null, [$"faults.plan={plan}"])).Faults;

    private static string Error(string plan) =>
        Assert.Throws<ConfigValidationException>(() => Bind(plan)).Errors.Select(e => e.ToString()).Single();

    [Fact]
    public void The_default_plan_is_empty()
    {
        var faults = SettingsBinder.Bind(ConfigLoader.Load(null, [])).Faults;
        Assert.Empty(faults.Plan);
        Assert.Equal(1, faults.Seed);
    }

    [Fact]
    public void Entries_name_kind_link_steps_micro_batch_rate_and_duration()
    {
        var plan = Bind("""[{ kind = drop, link = "0->1", step = 3, micro-batch = 1 }, { kind = delay, link = "1->0", steps = [2, 5], duration = 20ms }, { kind = corrupt, link = "2->1", rate = 0.05 }]""").Plan;

        Assert.Equal((FaultKind.Drop, 0, 1, (double?)null, (int?)1), (plan[0].Kind, plan[0].From, plan[0].To, plan[0].Rate, plan[0].MicroBatch));
        Assert.Equal([3L], plan[0].Steps);
        Assert.Equal((FaultKind.Delay, 1, 0, (int?)null, TimeSpan.FromMilliseconds(20)), (plan[1].Kind, plan[1].From, plan[1].To, plan[1].MicroBatch, plan[1].Duration));
        Assert.Equal([2L, 5L], plan[1].Steps);
        Assert.Equal((FaultKind.Corrupt, "2->1", 0.05), (plan[2].Kind, plan[2].Link, plan[2].Rate));
    }

    [Fact]
    public void A_step_entry_hits_only_its_steps_and_micro_batch()
    {
        var spec = Bind("""[{ kind = duplicate, link = "0->1", steps = [2, 4], micro-batch = 1 }]""").Plan[0];
        var random = new Random(1);
        Assert.True(spec.Hits(2, 1, random));
        Assert.True(spec.Hits(4, 1, random));
        Assert.False(spec.Hits(2, 0, random));
        Assert.False(spec.Hits(3, 1, random));
    }

    [Fact]
    public void A_rate_entry_replays_exactly_with_the_same_seed()
    {
        var spec = Bind("""[{ kind = drop, link = "0->1", rate = 0.3 }]""").Plan[0];
        bool[] Draw(int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 200).Select(i => spec.Hits(i, 0, random)).ToArray();
        }
        Assert.Equal(Draw(7), Draw(7));
        Assert.InRange(Draw(7).Count(h => h), 30, 90);
    }

    [Fact]
    public void A_rate_entry_with_a_micro_batch_hits_only_that_micro_batch()
    {
        var spec = Bind("""[{ kind = corrupt, link = "1->0", rate = 1, micro-batch = 1 }]""").Plan[0];
        var random = new Random(1);
        Assert.Equal([false, true, false, true], new[] { (5, 0), (5, 1), (6, 0), (6, 1) }.Select(x => spec.Hits(x.Item1, x.Item2, random)));
    }

    [Fact]
    public void Stage_faults_name_their_stage_and_steps_and_how_often_they_fire()
    {
        var plan = Bind("""[{ kind = crash, stage = 1, step = 40 }, { kind = hang, stage = 0, step = 7, duration = 3s }, { kind = straggler, stage = 2, from = 10, to = 12, factor = 4 }, { kind = nan, stage = 0, step = 9, times = 5 }]""").Plan;

        Assert.Equal((FaultKind.Crash, 1, 1, "stage 1"), (plan[0].Kind, plan[0].Stage, plan[0].Times, plan[0].Where));
        Assert.Equal([40L], plan[0].Steps);
        Assert.Equal((FaultKind.Hang, 0, TimeSpan.FromSeconds(3)), (plan[1].Kind, plan[1].Stage, plan[1].Duration));
        Assert.Equal((FaultKind.Straggler, 2, 4.0), (plan[2].Kind, plan[2].Stage, plan[2].Factor));
        Assert.Equal([10L, 11L, 12L], plan[2].Steps);
        Assert.Equal((FaultKind.Nan, 5), (plan[3].Kind, plan[3].Times));
    }

    [Fact]
    public void Recovery_is_off_by_default_and_its_keys_bind()
    {
        Assert.Equal(0, SettingsBinder.Bind(ConfigLoader.Load(null, [])).Recovery.SnapshotEvery);
        var recovery = SettingsBinder.Bind(ConfigLoader.Load(null, ["recovery.snapshot-every=50", "recovery.max-restarts=1", "recovery.watchdog-floor=500ms", "recovery.watchdog-multiple=4"])).Recovery;
        Assert.Equal(new RecoverySettings(50, 1, TimeSpan.FromMilliseconds(500), 4, SpareWait: TimeSpan.FromSeconds(10)), recovery);
    }

    [Fact]
    public void A_lost_node_stops_the_run_by_default_and_re_place_binds_with_its_spare_wait()
    {
        Assert.Equal(NodeLossPolicy.Stop, SettingsBinder.Bind(ConfigLoader.Load(null, [])).Recovery.OnNodeLoss);
        var recovery = SettingsBinder.Bind(ConfigLoader.Load(null, ["recovery.on-node-loss=re-place", "recovery.spare-wait=3s"])).Recovery;
        Assert.Equal((NodeLossPolicy.RePlace, TimeSpan.FromSeconds(3)), (recovery.OnNodeLoss, recovery.SpareWait));
    }

    [Fact]
    public void Node_faults_name_the_stage_whose_worker_they_act_on()
    {
        var plan = Bind("[{ kind = kill-node, stage = 1, step = 30 }, { kind = leave-node, stage = 0, step = 12 }]").Plan;
        Assert.Equal((FaultKind.KillNode, 1, 30L), (plan[0].Kind, plan[0].Stage, plan[0].Steps.Single()));
        Assert.Equal((FaultKind.LeaveNode, 0, 12L), (plan[1].Kind, plan[1].Stage, plan[1].Steps.Single()));
        Assert.True(plan.All(f => f.Kind.IsNodeFault() && !f.Kind.IsLinkFault() && !f.Kind.IsStageFault()));
        Assert.Equal("the node hosting stage 1", plan[0].Where);
    }

    [Theory]
    [InlineData("""[{ kind = crash, stage = 0, link = "0->1", step = 1 }]""", "actortrain.faults.plan[0].link")]
    [InlineData("""[{ kind = crash, step = 1 }]""", "actortrain.faults.plan[0].stage")]
    [InlineData("""[{ kind = nan, stage = 0, rate = 0.1 }]""", "actortrain.faults.plan[0].rate")]
    [InlineData("""[{ kind = hang, stage = 0, step = 1 }]""", "actortrain.faults.plan[0].duration")]
    [InlineData("""[{ kind = straggler, stage = 0, from = 1, to = 3 }]""", "actortrain.faults.plan[0].factor")]
    [InlineData("""[{ kind = straggler, stage = 0, from = 1, to = 3, factor = 0.5 }]""", "actortrain.faults.plan[0].factor")]
    [InlineData("""[{ kind = crash, stage = 0, step = 1, times = 0 }]""", "actortrain.faults.plan[0].times")]
    public void A_wrong_stage_fault_is_refused_naming_its_key(string plan, string key) =>
        Assert.Contains(key, Error(plan));

    [Theory]
    [InlineData("""[{ kind = lose, link = "0->1", step = 1 }]""", "actortrain.faults.plan[0].kind")]
    [InlineData("""[{ kind = drop, link = "0->2", step = 1 }]""", "actortrain.faults.plan[0].link")]
    [InlineData("""[{ kind = drop, link = "0->1" }]""", "actortrain.faults.plan[0].step")]
    [InlineData("""[{ kind = drop, link = "0->1", step = 1, rate = 0.1 }]""", "actortrain.faults.plan[0].rate")]
    [InlineData("""[{ kind = drop, link = "0->1", rate = 1.5 }]""", "actortrain.faults.plan[0].rate")]
    [InlineData("""[{ kind = delay, link = "0->1", step = 1 }]""", "actortrain.faults.plan[0].duration")]
    [InlineData("""[{ kind = drop, link = "0->1", step = -1 }]""", "actortrain.faults.plan[0].step")]
    [InlineData("""[{ kind = drop, link = "0->1", step = 1, micro-bach = 0 }]""", "actortrain.faults.plan[0].micro-bach")]
    public void A_wrong_entry_is_refused_naming_its_key(string plan, string key) =>
        Assert.Contains(key, Error(plan));
}
