using System.Text.RegularExpressions;
using ActorTrain.Config.Hocon;

namespace ActorTrain.Config.Settings;

/// <summary>`faults`: the seed and the plan of message, stage and storage faults to inject (empty: none).</summary>
public sealed partial record FaultSettings(int Seed, IReadOnlyList<FaultSpec> Plan)
{
    private static readonly string[] Keys = ["kind", "link", "stage", "step", "steps", "from", "to", "rate", "micro-batch", "duration", "factor", "times"];

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
            var (from, to) = kind.IsStageFault() || kind.IsNodeFault() ? ReadStage(e) : kind.IsStorageFault() ? ReadNeither(e) : ReadLink(e);
            var (steps, rate) = ReadWhen(e, allowRate: kind.IsLinkFault());
            int? microBatch = e.Value("micro-batch") is null ? null : e.Int("micro-batch", min: 0);
            var duration = kind is FaultKind.Delay or FaultKind.Hang || e.Value("duration") is not null ? e.Duration("duration") : FaultSpec.DefaultHold;
            var factor = kind == FaultKind.Straggler ? e.Number("factor", new NumberRange(1, false, 1000, true)) : 1;
            var times = e.Value("times") is null ? 1 : e.Int("times", min: 1);
            plan.Add(new FaultSpec(kind, from, to, steps, rate, microBatch, duration, factor, times));
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

    /// <summary>`stage = K` for a stage fault, which names no link (returned as the link K->K).</summary>
    private static (int From, int To) ReadStage(SettingsReader e)
    {
        if (e.Value("link") is { } link) e.Report("link", "no link: a stage fault names its stage, e.g. stage = 1", link);
        var stage = e.Int("stage", min: 0);
        return (stage, stage);
    }

    /// <summary>A storage fault acts on the checkpoint its step names: no link, no stage (returned as -1->-1).</summary>
    private static (int From, int To) ReadNeither(SettingsReader e)
    {
        foreach (var key in new[] { "link", "stage", "micro-batch" })
            if (e.Value(key) is { } given) e.Report(key, "nothing: a storage fault names only the step of its checkpoint, e.g. step = 4", given);
        return (-1, -1);
    }

    /// <summary>
    /// Exactly one of `step`, `steps`, `from` (with `to`: the steps from..to) and `rate`; stage and storage faults
    /// happen at steps, never at a rate.
    /// </summary>
    private static (IReadOnlyList<long> Steps, double? Rate) ReadWhen(SettingsReader e, bool allowRate)
    {
        string[] keys = allowRate ? ["step", "steps", "from", "rate"] : ["step", "steps", "from"];
        var expected = allowRate ? "exactly one of step, steps, from (with to) and rate" : "exactly one of step, steps and from (with to)";
        var given = keys.Where(k => e.Value(k) is not null).ToList();
        if (!allowRate && e.Value("rate") is { } rate)
        {
            e.Report("rate", "no rate: a stage or storage fault happens at a step (step, steps, or from and to)", rate);
            return ([], null);
        }
        if (given.Count != 1)
        {
            e.Report(given.Count == 0 ? "step" : given[1], expected, given.Count == 0 ? null : e.Value(given[1]));
            return ([], null);
        }
        if (given[0] != "from" && e.Value("to") is { } to) e.Report("to", "no to without from", to);
        return given[0] switch
        {
            "step" => ([e.Int("step", min: 0)], null),
            "steps" => (e.IntList("steps", min: 0).Select(s => (long)s).ToList(), null),
            "from" => (Range(e.Int("from", min: 0), e.Int("to", min: 0)), null),
            _ => ([], e.Number("rate", new NumberRange(0, true, 1, false))),
        };
    }

    private static IReadOnlyList<long> Range(int from, int to) =>
        to >= from ? Enumerable.Range(from, to - from + 1).Select(s => (long)s).ToList() : [];

    [GeneratedRegex(@"^\s*(\d+)\s*->\s*(\d+)\s*$")]
    private static partial Regex LinkPattern();
}
