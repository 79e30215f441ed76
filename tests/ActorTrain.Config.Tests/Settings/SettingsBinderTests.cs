using ActorTrain.Config.Settings;

namespace ActorTrain.Config.Tests.Settings;

public sealed class SettingsBinderTests
{
    private static ActorTrainSettings Bind(params string[] sets) => SettingsBinder.Bind(ConfigLoader.Load(null, sets));

    private static IReadOnlyList<ConfigError> Errors(params string[] sets) =>
        Assert.Throws<ConfigValidationException>(() => Bind(sets)).Errors;

    private static ConfigError Single(params string[] sets) => Assert.Single(Errors(sets));

    [Fact]
    public void Reference_defaults_bind_to_the_documented_values()
    {
        var s = Bind();
        Assert.Equal(new RunSettings("run", 42, 3, TrainingMode.Sync, "runs", 0, true, 2, TimeSpan.FromMinutes(2)), s.Run);
        Assert.Equal(ModelPreset.Mlp6, s.Model.Preset);
        Assert.Empty(s.Model.Layers);
        Assert.Equal(DatasetKind.FashionMnist, s.Data.Dataset);
        Assert.Equal("/usr/share/datasets/fashion-mnist", s.Data.Directory);
        Assert.Equal(new SyntheticDataSettings(4096, 1024, 10, 7), s.Data.Synthetic);
        Assert.Equal((2, PartitionMethod.Auto, 4, PipelineSchedule.OneFOneB, 1),
            (s.Pipeline.Stages, s.Pipeline.Partition, s.Pipeline.MicroBatches, s.Pipeline.Schedule, s.Pipeline.ThreadsPerStage));
        Assert.Equal("cpu", s.Pipeline.DeviceOf(1));
        Assert.Equal(new OptimizerSettings(OptimizerType.Sgd, 0.05, 0.9, false, 0, 0.9, 0.999, 1e-8), s.Optimizer);
        Assert.Empty(s.ModePlan);
        Assert.Equal([new ModePlanEntry(TrainingMode.Sync, 3, OptimizerStatePolicy.Keep)], s.EffectivePlan);
        Assert.Equal(new PolicySettings(false, 0, 0.5, true, 3), s.Policy);
        Assert.Equal(new DecoupledSettings(DecoupledVariant.Independent, CodeDistribution.Normal, 1.0, 0, 100, 0.1, DecoupledLoss.Mse,
            OptimizerStatePolicy.Reset), s.Decoupled);
        Assert.Equal(new AsyncSettings(true, 0), s.Async);
        Assert.Equal(new IstSettings(2, 20, IstOptimizerState.Reset, BatchNormEval.Batch), s.Ist);
        Assert.Equal(new DpSettings(2), s.Dp);
        Assert.Equal(new ProfilingSettings(false, ""), s.Profiling);
        Assert.Equal(new LoggingSettings(LogLevel.Information, true, true), s.Logging);
    }

    [Fact]
    public void Choices_are_written_in_kebab_case()
    {
        var s = Bind("pipeline.schedule = gpipe", "model.preset = ist-mlp", "data.dataset = synthetic", "run.mode = decoupled",
            "data.emnist-split = byclass");
        Assert.Equal(PipelineSchedule.GPipe, s.Pipeline.Schedule);
        Assert.Equal(ModelPreset.IstMlp, s.Model.Preset);
        Assert.Equal(DatasetKind.Synthetic, s.Data.Dataset);
        Assert.Equal(TrainingMode.Decoupled, s.Run.Mode);
        Assert.Equal(EmnistSplit.ByClass, s.Data.EmnistSplit);
        Assert.Equal("1f1b", EnumNames.Of(PipelineSchedule.OneFOneB));
    }

    [Fact]
    public void An_unknown_key_suggests_the_closest_known_key()
    {
        var e = Single("pipeline.micro-batchs = 8");
        Assert.True(e.IsUnknownKey);
        Assert.Equal("actortrain.pipeline.micro-batchs", e.Path);
        Assert.Equal("actortrain.pipeline.micro-batches", e.Suggestion);
        Assert.Equal(
            "--set 'pipeline.micro-batchs = 8':1:25: actortrain.pipeline.micro-batchs: unknown key; did you mean `actortrain.pipeline.micro-batches`?",
            e.ToString());
    }

    [Theory]
    [InlineData("pipline.stages = 3", "actortrain.pipline", "actortrain.pipeline")]
    [InlineData("microbatches = 3", "actortrain.microbatches", "actortrain.pipeline.micro-batches")]
    [InlineData("run.epoch = 3", "actortrain.run.epoch", "actortrain.run.epochs")]
    [InlineData("actortrain.data.batchsize = 3", "actortrain.data.batchsize", "actortrain.data.batch-size")]
    [InlineData("zzzzzz = 1", "actortrain.zzzzzz", null)]
    public void Unknown_keys_anywhere_get_a_suggestion_when_one_is_close(string set, string path, string? suggestion)
    {
        var e = Single(set);
        Assert.Equal((path, suggestion), (e.Path, e.Suggestion));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_path_expectation_and_value()
    {
        var errors = Errors("pipeline.stages = 0", "data.batch-size = -1", "optimizer.lr = 0", "run.mode = synk", "logging.console = maybe");
        Assert.Equal(["actortrain.run.mode", "actortrain.data.batch-size", "actortrain.pipeline.stages", "actortrain.optimizer.lr", "actortrain.logging.console"],
            errors.Select(e => e.Path));
        var stages = errors.Single(e => e.Path == "actortrain.pipeline.stages");
        Assert.Equal(("an integer >= 1", "number 0"), (stages.Expected, stages.Found));
        Assert.Equal("a number > 0", errors.Single(e => e.Path == "actortrain.optimizer.lr").Expected);
        var mode = errors.Single(e => e.Path == "actortrain.run.mode");
        Assert.Equal(("one of sync, async, decoupled, ist, dp", "string \"synk\"", "sync"), (mode.Expected, mode.Found, mode.Suggestion));
        Assert.Equal("a boolean (on/off, true/false, yes/no)", errors.Single(e => e.Path == "actortrain.logging.console").Expected);
    }

    [Fact]
    public void Errors_name_the_file_and_line_of_the_bad_value()
    {
        using var dir = new Hocon.TempDirectory();
        var file = dir.Write("user.conf", "actortrain.run {\n  epochs = three\n}");
        var e = Assert.Single(Assert.Throws<ConfigValidationException>(() => SettingsBinder.Bind(ConfigLoader.Load(file, []))).Errors);
        Assert.Equal((file, 2, 12), (e.Origin!.Value.File, e.Origin.Value.Line, e.Origin.Value.Column));
        Assert.Equal($"{file}:2:12: actortrain.run.epochs: expected an integer >= 1, found string \"three\"", e.ToString());
    }

    [Fact]
    public void Micro_batches_may_not_exceed_the_batch_size()
    {
        var e = Single("data.batch-size = 8", "pipeline.micro-batches = 16");
        Assert.Equal(("actortrain.pipeline.micro-batches", "an integer between 1 and actortrain.data.batch-size (8)"), (e.Path, e.Expected));
    }

    [Fact]
    public void Devices_must_be_cpu_or_cuda_and_one_per_stage_or_one_for_all()
    {
        Assert.Equal(["cuda:0", "cuda:1"], Bind("pipeline.devices = [\"cuda:0\", \"cuda:1\"]").Pipeline.Devices);
        Assert.Equal("actortrain.pipeline.devices[1]", Single("pipeline.devices = [\"cpu\", \"gpu\"]").Path);
        var count = Single("pipeline.devices = [\"cpu\", \"cpu\", \"cpu\"]");
        Assert.Equal(("actortrain.pipeline.devices", "one device for all stages, or one per stage (2)"), (count.Path, count.Expected));
    }

    [Fact]
    public void Balance_holds_positive_layer_counts_one_per_stage_when_used()
    {
        Assert.Equal([7, 6], Bind("pipeline.partition = balance", "pipeline.balance = [7, 6]").Pipeline.Balance);
        Assert.Equal("actortrain.pipeline.balance[1]", Single("pipeline.balance = [3, 0]").Path);
        Assert.Equal("actortrain.pipeline.balance", Single("pipeline.partition = balance").Path);
    }

    [Fact]
    public void Mode_plan_entries_are_validated_with_their_index()
    {
        var plan = Bind("mode-plan = [{ mode = decoupled, epochs = 5 }, { mode = sync, epochs = 1, optimizer-state = reset }]").ModePlan;
        Assert.Equal([new ModePlanEntry(TrainingMode.Decoupled, 5, OptimizerStatePolicy.Keep), new ModePlanEntry(TrainingMode.Sync, 1, OptimizerStatePolicy.Reset)], plan);

        var errors = Errors("mode-plan = [{ mode = sync, epochs = 1 }, { mode = fast, epoch = 2 }, 3]");
        Assert.Equal(["actortrain.mode-plan[1].epoch", "actortrain.mode-plan[1].mode", "actortrain.mode-plan[1].epochs", "actortrain.mode-plan[2]"],
            errors.Select(e => e.Path));
        Assert.Equal("actortrain.mode-plan[1].epochs", errors[0].Suggestion);
        Assert.Equal("nothing (the key is missing)", errors[2].Found);
    }

    [Fact]
    public void A_mode_plan_entry_may_carry_its_own_learning_rate()
    {
        var plan = Bind("mode-plan = [{ mode = decoupled, epochs = 2 }, { mode = sync, epochs = 1, lr = 0.01 }]").ModePlan;
        Assert.Equal([null, 0.01], plan.Select(e => e.LearningRate));
        Assert.Equal("actortrain.mode-plan[0].lr", Single("mode-plan = [{ mode = sync, epochs = 1, lr = -1 }]").Path);
    }

    [Fact]
    public void A_custom_model_lists_its_layers()
    {
        var layers = Bind("model.preset = custom", "model.layers = [\"linear 1024 nobias\", relu, \"batchnorm noaffine\", \"dropout 0.1\"]").Model.Layers;
        Assert.Equal([LayerKind.Linear, LayerKind.Relu, LayerKind.BatchNorm, LayerKind.Dropout], layers.Select(l => l.Kind));
        Assert.Equal((1024, false), (layers[0].Units, layers[0].Bias));
        Assert.False(layers[2].Affine);
        Assert.Equal(0.1, layers[3].Rate);
    }

    [Fact]
    public void Layer_strings_are_checked_and_misspelt_kinds_get_a_suggestion()
    {
        var e = Single("model.preset = custom", "model.layers = [\"linear 10\", \"linaer 10\"]");
        Assert.Equal(("actortrain.model.layers[1]", "linear"), (e.Path, e.Suggestion));
        Assert.Equal("actortrain.model.layers", Single("model.preset = custom").Path);
        Assert.Equal("actortrain.model.layers", Single("model.layers = [relu]").Path);
    }

    [Fact]
    public void Mnist_and_emnist_need_a_directory()
    {
        Assert.Equal("actortrain.data.path", Single("data.dataset = emnist").Path);
        Assert.Equal("/data/emnist", Bind("data.dataset = emnist", "data.path = /data/emnist").Data.Directory);
    }

    [Fact]
    public void Betas_are_two_numbers_below_one()
    {
        Assert.Equal("actortrain.optimizer.betas", Single("optimizer.betas = [0.9]").Path);
        Assert.Equal("actortrain.optimizer.betas[1]", Single("optimizer.betas = [0.9, 1.5]").Path);
    }

    [Fact]
    public void Nesterov_needs_momentum()
    {
        Assert.Equal("actortrain.optimizer.nesterov", Single("optimizer.nesterov = on", "optimizer.momentum = 0").Path);
    }

    [Fact]
    public void A_section_replaced_by_a_scalar_is_reported_once()
    {
        var e = Single("pipeline = 5");
        Assert.Equal(("actortrain.pipeline", "an object", "number 5"), (e.Path, e.Expected, e.Found));
    }

    [Fact]
    public void The_exception_message_lists_every_problem()
    {
        var e = Assert.Throws<ConfigValidationException>(() => Bind("dp.replicas = 0", "ist.workers = 0"));
        Assert.StartsWith("2 problems in the configuration:", e.Message);
        Assert.Contains("actortrain.dp.replicas: expected an integer >= 1, found number 0", e.Message);
    }
}
