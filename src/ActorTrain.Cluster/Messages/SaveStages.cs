using System.Globalization;
using ActorTrain.Training.Checkpoints;

namespace ActorTrain.Cluster.Messages;

/// <summary>The pipeline is drained: every worker writes its stages' files into <paramref name="Directory"/>, answering one StageSaved per stage.</summary>
public sealed record SaveStages(string Directory, long Step, string Mode)
{
    /// <summary>Where stage <paramref name="stage"/>'s file goes.</summary>
    public string StagePath(int stage) => Path.Combine(Directory, CheckpointDirectory.StageFile(stage));

    /// <summary>What every stage file of this checkpoint records about it, as a one-process checkpoint does.</summary>
    public Dictionary<string, string> Metadata() => new()
    {
        ["step"] = Step.ToString(CultureInfo.InvariantCulture),
        ["mode"] = Mode,
    };
}
