using ActorTrain.Config.Settings;
using ActorTrain.Config.Tests.Hocon;

namespace ActorTrain.Config.Tests.Settings;

/// <summary>Base of the tests that bind a user file: each test writes it to a fresh directory, deleted afterwards.</summary>
public abstract class UserFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Writes the user file and returns its path.</summary>
    protected string Write(string text) => _dir.Write("user.conf", text);

    protected static ActorTrainSettings Bind(string file, params string[] sets) => SettingsBinder.Bind(ConfigLoader.Load(file, sets));

    protected static IReadOnlyList<ConfigError> Errors(string file) => Assert.Throws<ConfigValidationException>(() => Bind(file)).Errors;
}
