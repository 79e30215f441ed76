using ActorTrain.Config.Hocon;
using ActorTrain.Config.Hocon.Parsing;
using ActorTrain.Config.Hocon.Syntax;

namespace ActorTrain.Config.Tests.Hocon;

public sealed class ScalingTests
{
    [Fact]
    public void Repeated_appends_fold_into_one_array_instead_of_a_chain_of_self_references()
    {
        var root = Parser.Parse("a += 1\na += 2\na += 3\nb = [0]\nb += 1\nb += 2", "t.conf", IncludeContext.ForText());
        Assert.True(root.TryGet("a", out var a));
        Assert.Equal(3, Assert.IsType<ConcatenationNode>(a).Appended.Items.Count);
        Assert.True(root.TryGet("b", out var b));
        Assert.Equal(3, Assert.IsType<ArrayNode>(b).Items.Count);
    }

    [Fact]
    public void Nesting_too_deep_for_the_stack_is_an_error_not_a_crash()
    {
        const int depth = 100_000;
        var e = OnSmallStack(() => HoconReader.Parse("a = " + new string('[', depth) + new string(']', depth), "deep.conf"));
        Assert.Contains("nests too deeply", e?.Message);
    }

    [Fact]
    public void A_substitution_chain_too_long_for_the_stack_is_an_error_not_a_crash()
    {
        const int links = 20_000;
        var text = string.Join('\n', Enumerable.Range(0, links).Select(i => $"k{i} = ${{k{i + 1}}}")) + $"\nk{links} = end";
        Assert.Contains("nests too deeply", OnSmallStack(() => HoconReader.Parse(text, "chain.conf"))?.Message);
    }

    /// <summary>Runs on a thread with a small stack so the limit is reached quickly; returns the configuration error thrown.</summary>
    private static ConfigErrorException? OnSmallStack(Action read)
    {
        ConfigErrorException? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                read();
            }
            catch (ConfigErrorException e)
            {
                error = e;
            }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        return error;
    }
}
