using ActorTrain.Training.Observability;

namespace ActorTrain.Cli.Bench;

/// <summary>Samples/s over the steps after a warm-up, from the supervisor's step reports (thread start and first allocations excluded).</summary>
internal sealed class StepThroughput(int warmupSteps, TimeProvider clock) : ITrainingObserver
{
    private long _start = -1, _end = -1, _samples;
    private int _seen;

    public double SamplesPerSecond => _end > _start && _start >= 0 ? _samples / clock.GetElapsedTime(_start, _end).TotalSeconds : 0;

    public void OnStep(StepMetrics metrics)
    {
        if (++_seen == warmupSteps) _start = metrics.Timestamp;
        else if (_seen > warmupSteps)
        {
            _samples += metrics.Samples;
            _end = metrics.Timestamp;
        }
    }
}
