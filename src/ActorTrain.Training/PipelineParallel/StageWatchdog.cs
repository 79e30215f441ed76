using ActorTrain.Training.Options;

namespace ActorTrain.Training.PipelineParallel;

/// <summary>
/// Pure hang detection over timestamps (tested with literal times): a stage counts as hung when it has not been heard
/// from (a step report, an answer to a ping) for longer than max(floor, multiple × measured step time) while work is
/// pending. The step time is a moving average of the gaps between step completions while the pipeline stayed busy, so
/// an evaluation or a checkpoint between steps does not stretch it. Until the run's first step has completed the
/// deadline is <see cref="WarmUpFactor"/> times longer: that step JIT-compiles, allocates and faults in pages, and on a
/// loaded machine takes many times a later step (a 1 s floor once caught a healthy stage 0 at step 0 that way).
/// </summary>
internal sealed class StageWatchdog
{
    private readonly RecoveryOptions _options;
    private readonly long _frequency;
    private readonly long[] _lastHeard;
    private const int WarmUpFactor = 10;

    private long _lastCompletion = -1;
    private double _stepTicks;
    private bool _warm;

    public StageWatchdog(int stages, RecoveryOptions options, long timestampFrequency, long now)
    {
        (_options, _frequency) = (options, timestampFrequency);
        _lastHeard = Enumerable.Repeat(now, stages).ToArray();
    }

    /// <summary>The measured time of one step (zero before two steps completed back to back).</summary>
    public TimeSpan StepTime => TimeSpan.FromSeconds(_stepTicks / _frequency);

    public TimeSpan Deadline => _warm ? _options.WatchdogDeadline(StepTime) : _options.WatchdogDeadline(StepTime) * WarmUpFactor;

    public void Heard(int stage, long now) => _lastHeard[stage] = Math.Max(_lastHeard[stage], now);

    /// <summary>Every stage counts as just heard from (training resumes after a rollback, or after an idle spell).</summary>
    public void HeardAll(long now)
    {
        for (var k = 0; k < _lastHeard.Length; k++) Heard(k, now);
    }

    /// <summary>A step completed on every stage; <paramref name="stillBusy"/>: more steps are in flight, so the next gap is a step's time.</summary>
    public void StepCompleted(long now, bool stillBusy)
    {
        _warm = true;
        if (_lastCompletion >= 0)
        {
            var gap = now - _lastCompletion;
            _stepTicks = _stepTicks == 0 ? gap : 0.8 * _stepTicks + 0.2 * gap;
        }
        _lastCompletion = stillBusy ? now : -1;
    }

    /// <summary>The stage silent longest, if past the deadline.</summary>
    public (int Stage, TimeSpan Silence)? Hung(long now)
    {
        var stage = Array.IndexOf(_lastHeard, _lastHeard.Min());
        var silence = TimeSpan.FromSeconds((double)(now - _lastHeard[stage]) / _frequency);
        return silence > Deadline ? (stage, silence) : null;
    }
}
