using ActorTrain.Cli.Training;
using ActorTrain.Data.Datasets;

namespace ActorTrain.Cli.Tests.Training;

/// <summary>Every mode a plan names is checked against the model, the data and its settings before the first entry trains.</summary>
public sealed class ModeRequirementsTests
{
    private static void Check(params string[] sets)
    {
        var settings = ModeDispatch.Settings([.. sets, "data.dataset = synthetic", "data.synthetic.train-size = 512", "data.synthetic.test-size = 64"]);
        var data = DatasetCatalog.Load(OptionsMapping.Dataset(settings.Data));
        ModeDispatch.CheckRequirements(settings, OptionsMapping.Training(settings, data, runDirectory: null, resumeFrom: null), data);
    }

    private static string Refused(params string[] sets) => Assert.Throws<UsageException>(() => Check(sets)).Message;

    [Fact]
    public void A_plan_of_every_mode_on_mlp6_passes()
    {
        Check("model.preset = mlp6",
            "mode-plan = [{mode = sync, epochs = 1}, {mode = async, epochs = 1}, {mode = decoupled, epochs = 1}, {mode = ist, epochs = 1}, {mode = dp, epochs = 1}]");
    }

    [Fact]
    public void An_ist_entry_after_sync_on_a_convolutional_model_is_refused_before_sync_trains()
    {
        var message = Refused("model.preset = cnn-small", "mode-plan = [{mode = sync, epochs = 2}, {mode = ist, epochs = 1}]");

        Assert.Contains("ist: IST needs a fully connected model on flat inputs; model 'cnn-small'", message);
        Assert.DoesNotContain("sync:", message);
    }

    [Fact]
    public void Every_mode_that_cannot_run_is_named_with_its_own_reason()
    {
        var message = Refused("model.preset = mlp6", "pipeline.partition = parameters", "pipeline.stages = 9", "data.batch-size = 4", "dp.replicas = 8",
            "mode-plan = [{mode = dp, epochs = 1}, {mode = sync, epochs = 1}]");

        Assert.Contains("modes cannot run:", message);
        Assert.Contains("dp: batch size 4 cannot be shared by 8 replicas (actortrain.dp.replicas)", message);
        Assert.Contains("sync: actortrain.pipeline.stages = 9 but model 'mlp6' has only 6 blocks", message);
    }

    [Fact]
    public void A_balance_that_does_not_fit_the_model_names_the_key_not_a_csharp_parameter()
    {
        var message = Refused("model.preset = cnn-small", "pipeline.partition = balance", "pipeline.balance = [3, 3]");

        Assert.Contains("sync: actortrain.pipeline.balance = [3, 3] covers 6 layers but the model has 4", message);
        Assert.DoesNotContain("(Parameter", message);
    }

    [Fact]
    public void Ist_shards_without_a_full_batch_are_refused()
    {
        var message = Refused("model.preset = mlp6", "run.mode = ist", "ist.workers = 4", "data.batch-size = 256");

        Assert.Contains("ist: a worker's shard of 128 samples holds no full batch of 256 (actortrain.ist.workers = 4)", message);
    }

    [Fact]
    public void Decoupled_uniform_codes_above_scale_1_are_refused()
    {
        var message = Refused("model.preset = mlp6", "run.mode = decoupled", "decoupled.codes = uniform", "decoupled.code-scale = 2");

        Assert.Contains("decoupled: actortrain.decoupled.code-scale = 2: uniform codes are learnt through a sigmoid", message);
    }

    [Fact]
    public void A_profiled_partition_is_checked_for_its_stage_count_without_measuring()
    {
        var message = Refused("model.preset = mlp6", "run.mode = async", "pipeline.partition = auto", "pipeline.stages = 7");

        Assert.Contains("async: actortrain.pipeline.stages = 7 but model 'mlp6' has only 6 blocks", message);
    }
}
