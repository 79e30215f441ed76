using System.Text.RegularExpressions;
using ActorTrain.Config.Hocon;

namespace ActorTrain.Config.Settings;

/// <summary>`faults`: the seed and the plan of message faults to inject (empty: none).</summary>
public sealed partial record FaultSettings(int Seed, IReadOnlyList<FaultSpec> Plan)
{
    private static readonly string[] Keys = ["kind", "link", "step", "steps", "rate", "micro-batch", "duration"];

    internal static FaultSettings Read(SettingsReader r)
    {
        var seed = r.Int("seed");
        const string expected = "an object such as { kind = drop, link = \"0->1\", step = 3 }";
        var plan = new List<FaultSpec>();
        var values = r.List("plan", "an array of { kind = ..., link = ..., step = ... } objects");
        for (var i = 0; i < values.Count; i++)
        {
            var e = r.Item("plan", i, values[i], expected);
            e.CheckKeys(Keys);
            var kind = e.Choice<FaultKind>("kind");
            var (from, to) = ReadLink(e);
            var (steps, rate) = ReadWhen(e);
            int? microBatch = e.Value("micro-batch") is null ? null : e.Int("micro-batch", min: 0);
            var duration = kind == FaultKind.Delay || e.Value("duration") is not null ? e.Duration("duration") : FaultSpec.DefaultHold;
            plan.Add(new FaultSpec(kind, from, to, steps, rate, microBatch, duration));
        }
        return new FaultSettings(seed, plan);
    }

    /// <summary>`link = "A->B"`: neighbouring stages, forward (A+1 = B, activations) or backward (A-1 = B, gradients).</summary>
    private static (int From, int To) ReadLink(SettingsReader e)
    {
        const string expected = "a link between neighbouring stages such as \"0->1\" (activations) or \"1->0\" (gradients)";
        var text = e.String("link");
        var m = LinkPattern().Match(text);
        if (m.Success && int.TryParse(m.Groups[1].Value, out var from) && int.TryParse(m.Groups[2].Value, out var to) && Math.Abs(from - to) == 1)
            return (from, to);
        if (e.Value("link") is HoconScalar) e.Report("link", expected, e.Value("link"));
        return (0, 0);
    }

    /// <summary>Exactly one of `step`, `steps` and `rate`.</summary>
    private static (IReadOnlyList<long> Steps, double? Rate) ReadWhen(SettingsReader e)
    {
        var given = new[] { "step", "steps", "rate" }.Where(k => e.Value(k) is not null).ToList();
        if (given.Count != 1)
        {
            e.Report(given.Count == 0 ? "step" : given[1], "exactly one of step, steps and rate", given.Count == 0 ? null : e.Value(given[1]));
            return ([], null);
        }
        return given[0] switch
        {
            "step" => ([e.Int("step", min: 0)], null),
            "steps" => (e.IntList("steps", min: 0).Select(s => (long)s).ToList(), null),
            _ => ([], e.Number("rate", new NumberRange(0, true, 1, false))),
        };
    }

    [GeneratedRegex(@"^\s*(\d+)\s*->\s*(\d+)\s*$")]
    private static partial Regex LinkPattern();
}
