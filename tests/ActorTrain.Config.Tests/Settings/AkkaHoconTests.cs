using ActorTrain.Config.Hocon;

namespace ActorTrain.Config.Tests.Settings;

/// <summary>The resolved `akka` section, handed to Akka as HOCON text beside the ActorTrain settings.</summary>
public sealed class AkkaHoconTests : UserFileTests
{
    [Fact]
    public void An_akka_section_is_handed_on_as_hocon_text_with_its_wrapper()
    {
        var akka = Bind(Write("akka { loglevel = DEBUG }\nactortrain.run.epochs = 2")).AkkaHocon;

        Assert.Contains("loglevel = \"DEBUG\"", akka);
        Assert.StartsWith("akka {", akka);
        Assert.DoesNotContain(ConfigNamespace.ActorTrain, akka);
        Assert.Equal("DEBUG", new HoconConfig(HoconReader.Parse(akka, "akka")).GetString("akka.loglevel"));
    }

    [Fact]
    public void Substitutions_in_the_akka_section_are_resolved_from_the_environment()
    {
        var name = "ACTORTRAIN_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "WARNING");
        try
        {
            var akka = Bind(Write($"akka.loglevel = ${{{name}}}\nakka.stdout-loglevel = ${{akka.loglevel}}")).AkkaHocon;

            Assert.Contains("loglevel = \"WARNING\"", akka);
            Assert.Contains("stdout-loglevel = \"WARNING\"", akka);
            Assert.DoesNotContain("${", akka);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void A_configuration_without_an_akka_section_hands_on_an_empty_string()
    {
        Assert.Equal("", Bind(Write("actortrain.run.epochs = 2")).AkkaHocon);
    }

    [Fact]
    public void A_set_under_akka_reaches_akka()
    {
        Assert.Contains("loglevel = \"DEBUG\"", Bind(Write(""), "akka.loglevel=DEBUG").AkkaHocon);
    }
}
