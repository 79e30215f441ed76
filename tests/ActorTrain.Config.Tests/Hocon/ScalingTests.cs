using System.Diagnostics;
using ActorTrain.Config.Hocon;

namespace ActorTrain.Config.Tests.Hocon;

public sealed class ScalingTests
{
    [Fact]
    public void Reading_time_grows_linearly_when_many_keys_share_a_prefix()
    {
        // Quadratic merging would make ten times the keys cost a hundred times the time; linear costs about ten.
        var small = Fastest(Keys(2_000));
        var large = Fastest(Keys(20_000));
        Assert.True(large < small * 40, $"2,000 keys: {small.TotalMilliseconds:F1} ms; 20,000 keys: {large.TotalMilliseconds:F1} ms");
    }

    [Fact]
    public void Nesting_too_deep_for_the_stack_is_an_error_not_a_crash()
    {
        var depth = 1_000_000;
        var e = Assert.Throws<ConfigErrorException>(() => HoconReader.Parse("a = " + new string('[', depth) + new string(']', depth), "deep.conf"));
        Assert.Contains("nests too deeply", e.Message);
    }

    [Fact]
    public void A_substitution_chain_too_long_for_the_stack_is_an_error_not_a_crash()
    {
        var text = string.Join('\n', Enumerable.Range(0, 200_000).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk200000 = end";
        Assert.Contains("nests too deeply", Assert.Throws<ConfigErrorException>(() => HoconReader.Parse(text, "chain.conf")).Message);
    }

    private static string Keys(int count) =>
        string.Join('\n', Enumerable.Range(0, count).Select(i => $"a.b.k{i} = {i}\na.list += {i}"));

    private static TimeSpan Fastest(string text)
    {
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            HoconReader.Parse(text, "many.conf");
            if (watch.Elapsed < best) best = watch.Elapsed;
        }
        return best;
    }
}
