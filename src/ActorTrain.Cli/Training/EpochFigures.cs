namespace ActorTrain.Cli.Training;

/// <summary>One epoch as the console shows it: training loss, samples/s and the evaluation that followed.</summary>
internal sealed class EpochFigures(int epoch, long startTimestamp)
{
    public int Epoch { get; } = epoch;
    public long StartTimestamp { get; } = startTimestamp;
    public long LastTimestamp { get; set; } = startTimestamp;
    public long Samples { get; set; }
    public double LossSum { get; set; }
    public double? TestAccuracy { get; set; }
    public double? TestLoss { get; set; }

    public double MeanLoss => Samples == 0 ? double.NaN : LossSum / Samples;

    public double SamplesPerSecond(TimeProvider clock)
    {
        var seconds = clock.GetElapsedTime(StartTimestamp, LastTimestamp).TotalSeconds;
        return seconds <= 0 ? 0 : Samples / seconds;
    }
}
