namespace ActorTrain.Cli.Commands;

/// <summary>One `actortrain` sub-command. Register new ones in <see cref="CommandCatalog"/>.</summary>
internal interface ICommand
{
    string Name { get; }
    string Summary { get; }
    /// <summary>The full text printed by `actortrain NAME --help`.</summary>
    string Help { get; }
    /// <summary>Runs with the arguments after the command name; returns an exit code.</summary>
    int Run(string[] args);
}
