using ActorTrain.Training.Schedules;

namespace ActorTrain.Training.Tests.Schedules;

public sealed class ScheduleFactoryTests
{
    [Theory]
    [InlineData("gpipe", typeof(GPipeSchedule))]
    [InlineData("1f1b", typeof(OneFOneBSchedule))]
    [InlineData("GPipe", typeof(GPipeSchedule))]
    [InlineData("1F1B", typeof(OneFOneBSchedule))]
    public void Create_returns_the_schedule_named_in_configuration(string name, Type expected)
    {
        Assert.IsType(expected, ScheduleFactory.Create(name));
    }

    [Fact]
    public void Every_listed_name_creates_a_schedule_of_that_name()
    {
        Assert.Equal(["gpipe", "1f1b"], ScheduleFactory.Names);
        Assert.All(ScheduleFactory.Names, name => Assert.Equal(name, ScheduleFactory.Create(name).Name));
    }

    [Fact]
    public void An_unknown_name_is_rejected_with_the_names_that_exist()
    {
        var error = Assert.Throws<ArgumentException>(() => ScheduleFactory.Create("interleaved"));

        Assert.StartsWith("unknown pipeline schedule 'interleaved': expected one of gpipe, 1f1b", error.Message);
        Assert.Equal("name", error.ParamName);
    }
}
