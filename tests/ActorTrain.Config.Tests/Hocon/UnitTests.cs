using static ActorTrain.Config.Tests.Hocon.HoconText;

namespace ActorTrain.Config.Tests.Hocon;

/// <summary>The spec's "Duration format" and "Size in bytes format".</summary>
public sealed class UnitTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10 s", 10_000)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1 d", 86_400_000)]
    [InlineData("1.5 seconds", 1_500)]
    [InlineData("250", 250)]
    [InlineData("\"30 s\"", 30_000)]
    [InlineData("2000000 ns", 2)]
    [InlineData("3000 us", 3)]
    public void Durations_read_with_units_and_bare_numbers_are_milliseconds(string text, double milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Read($"d = {text}").GetDuration("d"));
    }

    [Theory]
    [InlineData("64MiB", 64L << 20)]
    [InlineData("1G", 1L << 30)]
    [InlineData("1 g", 1L << 30)]
    [InlineData("512K", 512L << 10)]
    [InlineData("1kB", 1000)]
    [InlineData("2 megabytes", 2_000_000)]
    [InlineData("3 gibibytes", 3L << 30)]
    [InlineData("100", 100)]
    [InlineData("10 bytes", 10)]
    [InlineData("1.5K", 1536)]
    public void Memory_sizes_read_with_binary_and_decimal_units(string text, long bytes)
    {
        Assert.Equal(bytes, Read($"m = {text}").GetMemorySize("m"));
    }

    [Theory]
    [InlineData("d = 10 parsecs")]
    [InlineData("d = 10 S")]
    [InlineData("d = soon")]
    [InlineData("d = [1]")]
    public void Unknown_duration_units_are_errors_naming_the_accepted_ones(string text)
    {
        var e = Assert.Throws<ConfigErrorException>(() => Read(text).GetDuration("d"));
        Assert.Contains("expected a duration", e.Message);
    }

    [Theory]
    [InlineData("m = 1 Q")]
    [InlineData("m = 1ZiB")]
    [InlineData("m = 0.3B")]
    public void Sizes_that_are_unknown_or_not_whole_or_too_large_are_errors(string text)
    {
        Assert.Throws<ConfigErrorException>(() => Read(text).GetMemorySize("m"));
    }
}
