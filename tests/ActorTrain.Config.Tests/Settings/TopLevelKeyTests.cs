namespace ActorTrain.Config.Tests.Settings;

/// <summary>A file holds `akka` and `actortrain` side by side; Akka checks its own keys, and nothing else may sit beside them.</summary>
public sealed class TopLevelKeyTests : UserFileTests
{
    [Fact]
    public void Keys_under_akka_are_never_validated()
    {
        var file = Write("akka { loglevel = DEBUG, actor.no-such-key = 1, whatever = [1, 2] }\nactortrain.run.epochs = 2");

        Assert.Equal(2, Bind(file).Run.Epochs);
    }

    [Fact]
    public void An_old_style_key_outside_actortrain_names_its_actortrain_key()
    {
        var file = Write("run {\n  epochs = 2\n}");

        var e = Assert.Single(Errors(file));

        Assert.True(e.IsUnknownKey && e.IsTopLevel);
        Assert.Equal(("run.epochs", "actortrain.run.epochs"), (e.Path, e.Suggestion));
        Assert.Equal($"{file}:2:12: run.epochs: unknown top-level key; ActorTrain keys live under actortrain (did you mean `actortrain.run.epochs`?)",
            e.ToString());
    }

    [Fact]
    public void Every_value_of_an_old_style_section_is_reported_and_a_misspelt_one_gets_the_nearest_key()
    {
        var file = Write("pipeline { stages = 3, micro-batchs = 8 }\nmode-plan = []");

        var errors = Errors(file);

        Assert.Equal(["pipeline.stages", "pipeline.micro-batchs", "mode-plan"], errors.Select(e => e.Path));
        Assert.Equal(["actortrain.pipeline.stages", "actortrain.pipeline.micro-batches", "actortrain.mode-plan"], errors.Select(e => e.Suggestion));
    }

    [Fact]
    public void A_top_level_key_near_no_actortrain_key_says_where_keys_live()
    {
        var e = Assert.Single(Errors(Write("zzzzzz = 1")));

        Assert.Null(e.Suggestion);
        Assert.EndsWith("zzzzzz: unknown top-level key; ActorTrain keys live under actortrain", e.ToString());
    }

    [Fact]
    public void A_misspelt_namespace_is_reported_once_with_the_namespace()
    {
        var e = Assert.Single(Errors(Write("actortrian { run.epochs = 2, run.name = x }")));

        Assert.Equal(("actortrian", "actortrain"), (e.Path, e.Suggestion));
    }
}
