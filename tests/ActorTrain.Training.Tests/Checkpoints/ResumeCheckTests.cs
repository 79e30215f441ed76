using ActorTrain.Config.Settings;
using ActorTrain.Training.Checkpoints;
using ActorTrain.Training.Model;
using ActorTrain.Training.Options;
using ActorTrain.Training.Runs;

namespace ActorTrain.Training.Tests.Checkpoints;

public sealed class ResumeCheckTests
{
    private static readonly TrainingOptions Written = new()
    {
        Model = Model("relu"),
        Pipeline = new PipelineOptions(Stages: 2),
        BatchSize = 128,
        Dataset = "fashion-mnist",
        TrainSamples = 512,
        ConfigFingerprint = "0123456789abcdef",
    };

    private static ModelSpec Model(string activation) => ModelSpec.FromLayers("custom", [784], 10,
        new[] { "linear 64", activation, "linear 32", "relu", "linear 10" }
            .Select(t => LayerSpec.TryParse(t, out var spec, out _) ? spec! : throw new ArgumentException(t)).ToList());

    /// <summary>The checkpoint <see cref="Written"/> leaves after <paramref name="batch"/> batches of epoch 2.</summary>
    private static CheckpointManifest Saved(int batch, bool withRecipe = true) => new(
        CheckpointManifest.CurrentFormat, 4 + batch, 1, batch, "sync", Written.Seed, "custom", [1, 2],
        ["stage-0.safetensors", "stage-1.safetensors"], DateTimeOffset.UnixEpoch, withRecipe ? TrainingRecipe.Of(Written) : null);

    /// <summary>"key refused" or "key applied" for each difference, in order.</summary>
    private static string[] Outcomes(CheckpointManifest saved, TrainingOptions asked, bool loadsOptimizerState = true) =>
        ResumeCheck.Compare(saved, asked, loadsOptimizerState).Select(d => $"{d.Key} {(d.Refused ? "refused" : "applied")}").ToArray();

    [Fact]
    public void The_same_settings_continue_without_a_difference() =>
        Assert.Empty(Outcomes(Saved(batch: 2), Written));

    [Fact]
    public void Data_settings_may_change_at_an_epoch_boundary_but_not_mid_epoch()
    {
        var asked = Written with { BatchSize = 64, TrainSamples = 256, Seed = 7 };

        Assert.Equal(["run.seed applied", "data.batch-size applied", "data.train-limit (training samples) applied"], Outcomes(Saved(batch: 0), asked));
        Assert.Equal(["run.seed refused", "data.batch-size refused", "data.train-limit (training samples) refused"], Outcomes(Saved(batch: 2), asked));
    }

    [Fact]
    public void Another_activation_is_another_model() =>
        Assert.Equal(["model refused"], Outcomes(Saved(batch: 0), Written with { Model = Model("tanh") }));

    [Fact]
    public void Another_optimizer_is_refused_only_while_the_saved_state_is_restored()
    {
        var asked = Written with { Optimizer = new OptimizerOptions(Type: "adam") };

        Assert.Equal(["optimizer.type refused"], Outcomes(Saved(batch: 0), asked));
        Assert.Equal(["optimizer.type applied"], Outcomes(Saved(batch: 0), asked, loadsOptimizerState: false));
    }

    [Fact]
    public void Another_stage_count_is_refused_unless_recutting_which_decoupled_never_does()
    {
        var asked = Written with { Pipeline = new PipelineOptions(Stages: 3) };

        Assert.Equal(["pipeline.stages refused"], Outcomes(Saved(batch: 0), asked));
        Assert.Equal(["pipeline.stages applied"], Outcomes(Saved(batch: 0), asked with { RecutOnResume = true }));
        Assert.Equal(["pipeline.stages refused", "run.mode applied"], Outcomes(Saved(batch: 0), asked with { RecutOnResume = true, Mode = "decoupled" }));
        Assert.Equal(["run.mode applied"], Outcomes(Saved(batch: 0), asked with { Mode = "dp" }));
    }

    [Fact]
    public void Ist_continues_another_modes_checkpoint_only_at_an_epoch_boundary()
    {
        Assert.Equal(["run.mode applied"], Outcomes(Saved(batch: 0), Written with { Mode = "ist" }));
        Assert.Equal(["run.mode refused"], Outcomes(Saved(batch: 2), Written with { Mode = "ist" }));
    }

    [Fact]
    public void An_old_manifest_is_checked_by_model_name_and_says_what_it_cannot_check()
    {
        var old = Saved(batch: 2, withRecipe: false);

        Assert.Empty(Outcomes(old, Written with { BatchSize = 64 }));
        Assert.Equal(["model.preset refused"], Outcomes(old, Written with { Model = Model("relu") with { Name = "mlp6" } }));
        Assert.NotNull(ResumeCheck.Unknowns(old));
        Assert.Null(ResumeCheck.Unknowns(Saved(batch: 2)));
    }
}
