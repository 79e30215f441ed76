using ActorTrain.Profiling.Tests.Fixtures;
using ActorTrain.Training.Observability;
namespace ActorTrain.Profiling.Tests;
public sealed class ZzSample
{
    [Fact]
    public void Write_sample()
    {
        var clock = new ManualClock();
        var profiler = new Profiler(clock);
        profiler.OnRunStarted(GPipeTimeline.Run());
        for (int s = 0; s < 40; s++)
        {
            foreach (var span in GPipeTimeline.StepSpans(s, s * 12)) profiler.OnSpan(span);
            profiler.OnStep(new StepMetrics(s < 20 ? "sync" : "decoupled", s / 10, s, 2.0 / (1 + s * 0.1), 128, (s * 12 + 11) * 1000L));
            if (s % 10 == 9) profiler.OnEvaluation(new EvaluationMetrics("sync", s / 10, s, 1.0, 0.5 + s * 0.01, (s * 12 + 11) * 1000L));
            if (s == 19) profiler.OnModeSwitch(new ModeSwitch(20, 2, "sync", "decoupled", "wait share 0.35 > 0.3", (s * 12 + 11) * 1000L + 500));
        }
        clock.Now = 5000; profiler.OnStageMemory(0, 123456789); profiler.OnStageMemory(1, 23456789);
        profiler.OnRunFinished(true, 40 * 12 * 1000L);
        profiler.WriteTo("/tmp/profile-sample");
    }
}
