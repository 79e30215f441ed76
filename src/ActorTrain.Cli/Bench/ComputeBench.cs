using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ActorTrain.Torch;
using ActorTrain.Torch.Interop;
using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using Libtorch = ActorTrain.Torch.Torch;

namespace ActorTrain.Cli.Bench;

/// <summary>
/// `actortrain bench compute`: trains mlp6 (784-1024x5-10, ReLU, SGD lr 0.01 momentum 0.9) on one fixed
/// random batch through the C# binding, and the same loop written in C++ against libtorch (mlp_bench,
/// built beside the native library), and compares their samples/s. The binding's target is 0.97 of the
/// C++ loop. Runs alternate C#, C++, C#, ... so machine noise hits both sides alike; medians are reported.
/// </summary>
internal sealed class ComputeBench : IBench
{
    private const string CppProgram = "mlp_bench";
    private const long Seed = 1;
    private const int Inputs = 784;
    private const int Hidden = 1024;
    private const int HiddenLayers = 5;
    private const int Classes = 10;
    private const double TargetRatio = 0.97;

    /// <summary>The practical fp32 limit of the 2-core development machine (large SGEMM through OpenBLAS).</summary>
    private const double ReferenceGflops = 150;

    /// <summary>Forward (2 FLOP per multiply-add) plus backward (twice the forward) over every weight.</summary>
    private const long FlopPerSample = 2L * 3 * (Inputs * Hidden + (HiddenLayers - 1) * Hidden * Hidden + Hidden * Classes);

    public string Name => "compute";
    public string Summary => "mlp6 training through the C# binding vs the same loop in C++";

    public BenchReport Run(BenchOptions options, Action<string> progress)
    {
        var settings = Settings.From(options);
        if (!Libtorch.TryLoad(out var reason)) throw new InvalidOperationException($"bench compute needs libtorch: {reason}");
        var cppPath = NativeLibraryResolver.FindFile(CppProgram);
        progress($"mlp6, batch {settings.Batch}, {settings.Warmup} warm-up + {settings.Steps} timed steps, {settings.Threads} thread(s), {settings.Rounds} round(s)");

        var csharp = new List<RunResult>();
        var cpp = new List<RunResult>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            void CSharp()
            {
                csharp.Add(RunCSharp(settings));
                progress($"round {round}: C# {csharp[^1].SamplesPerSecond:F1} samples/s");
            }

            void Cpp()
            {
                if (cppPath is null) return;
                cpp.Add(RunCpp(cppPath, settings));
                progress($"round {round}: C++ {cpp[^1].SamplesPerSecond:F1} samples/s");
            }

            // C#, C++ | C++, C# | ...: a machine that speeds up or slows down over the run favours neither.
            if (round % 2 == 1)
            {
                CSharp();
                Cpp();
            }
            else
            {
                Cpp();
                CSharp();
            }
        }

        var report = new BenchReport(Name);
        Fill(report, settings, csharp, cpp);
        if (cppPath is null)
            report.Notes.Add($"{CppProgram} was not found next to the application, in $ACTORTRAIN_NATIVE_DIR or in artifacts/native/ " +
                "(./build.sh build makes it): only the C# loop was measured");
        return report;
    }

    /// <summary>The C# loop: what mlp_bench.cpp does, step for step, through ActorTrain.Torch.</summary>
    private static RunResult RunCSharp(Settings s)
    {
        Libtorch.SetThreads(s.Threads);
        Libtorch.ManualSeed(Seed);
        // Same layers in the same order as the C++ program, so the seeded initial weights are identical too.
        var layers = new List<Module>();
        for (var i = 0; i < HiddenLayers; i++)
        {
            layers.Add(new Linear(i == 0 ? Inputs : Hidden, Hidden));
            layers.Add(new ReLU());
        }
        layers.Add(new Linear(Hidden, Classes));
        using var model = new Sequential([.. layers]);
        using var sgd = new SGD(model.Parameters(), learningRate: 0.01, momentum: 0.9);
        using var x = Tensor.Randn([s.Batch, Inputs]);
        using var y = Tensor.RandInt(0, Classes, [s.Batch]);

        Tensor Step()
        {
            sgd.ZeroGrad();
            using var logits = model.Forward(x);
            var loss = Functional.CrossEntropy(logits, y);
            loss.Backward();
            sgd.Step();
            return loss;
        }

        for (var i = 0; i < s.Warmup; i++) Step().Dispose();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < s.Steps - 1; i++) Step().Dispose();
        using var last = Step();
        var seconds = clock.Elapsed.TotalSeconds;
        return new RunResult((double)s.Steps * s.Batch / seconds, last.ToScalarFloat());
    }

    private static RunResult RunCpp(string program, Settings s)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (option, value) in new[] { ("--steps", s.Steps), ("--warmup", s.Warmup), ("--threads", s.Threads), ("--batch", s.Batch), ("--seed", Seed) })
        {
            info.ArgumentList.Add(option);
            info.ArgumentList.Add(value.ToString(CultureInfo.InvariantCulture));
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {error.Result.Trim()}");
        var line = output.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'))
            ?? throw new InvalidOperationException($"{program} printed no JSON line: {output.Trim()}");
        var json = JsonNode.Parse(line)!;
        return new RunResult(json["samples-per-s"]!.GetValue<double>(), json["final-loss"]!.GetValue<double>());
    }

    private static void Fill(BenchReport report, Settings s, List<RunResult> csharp, List<RunResult> cpp)
    {
        var csharpRate = Median(csharp);
        double? cppRate = cpp.Count > 0 ? Median(cpp) : null;
        double? ratio = cppRate is { } c ? csharpRate / c : null;

        var json = report.Json;
        json["model"] = $"mlp6 {Inputs}-{Hidden}x{HiddenLayers}-{Classes} relu";
        json["batch"] = s.Batch;
        json["warmup-steps"] = s.Warmup;
        json["steps"] = s.Steps;
        json["rounds"] = s.Rounds;
        json["threads"] = s.Threads;
        json["flop-per-sample"] = FlopPerSample;
        json["csharp-samples-per-s"] = Math.Round(csharpRate, 2);
        json["cpp-samples-per-s"] = cppRate is { } cr ? Math.Round(cr, 2) : null;
        json["ratio"] = ratio is { } r ? Math.Round(r, 4) : null;
        json["target-ratio"] = TargetRatio;
        json["csharp-gflop-per-s"] = Math.Round(Gflops(csharpRate), 2);
        json["cpp-gflop-per-s"] = cppRate is { } cg ? Math.Round(Gflops(cg), 2) : null;
        json["reference-gflop-per-s"] = ReferenceGflops;
        json["csharp-final-loss"] = Math.Round(csharp[^1].FinalLoss, 6);
        json["cpp-final-loss"] = cpp.Count > 0 ? Math.Round(cpp[^1].FinalLoss, 6) : null;
        json["csharp-runs-samples-per-s"] = new JsonArray([.. csharp.Select(x => (JsonNode?)Math.Round(x.SamplesPerSecond, 2))]);
        json["cpp-runs-samples-per-s"] = new JsonArray([.. cpp.Select(x => (JsonNode?)Math.Round(x.SamplesPerSecond, 2))]);

        var rows = new List<IReadOnlyList<string>> { Row("C# (ActorTrain.Torch)", csharpRate, csharp[^1].FinalLoss) };
        if (cppRate is { } rate) rows.Add(Row("C++ (mlp_bench)", rate, cpp[^1].FinalLoss));
        report.Tables.Add(new BenchTable(
            $"mlp6 training, batch {s.Batch}, {s.Steps} timed steps, {s.Threads} thread(s), median of {s.Rounds} round(s)",
            ["loop", "samples/s", "GFLOP/s", $"of {ReferenceGflops:F0} GFLOP/s", "final loss"], rows));
        if (cpp.Count > 0)
            report.Notes.Add(Math.Abs(cpp[^1].FinalLoss - csharp[^1].FinalLoss) <= 1e-4 * Math.Abs(cpp[^1].FinalLoss)
                ? $"both loops trained the same model: final loss {csharp[^1].FinalLoss:F6} in C# and C++"
                : $"the loops diverged: final loss {csharp[^1].FinalLoss:F6} in C#, {cpp[^1].FinalLoss:F6} in C++");
        if (ratio is { } value)
            report.Notes.Add($"C#/C++ ratio {value:F3} (target >= {TargetRatio:F2}): {(value >= TargetRatio ? "met" : "not met")}");
        report.Notes.Add($"{FlopPerSample / 1e6:F2} MFLOP per sample (forward + backward)");
    }

    private static IReadOnlyList<string> Row(string loop, double samplesPerSecond, double finalLoss) =>
    [
        loop,
        samplesPerSecond.ToString("F1", CultureInfo.InvariantCulture),
        Gflops(samplesPerSecond).ToString("F1", CultureInfo.InvariantCulture),
        (Gflops(samplesPerSecond) / ReferenceGflops * 100).ToString("F0", CultureInfo.InvariantCulture) + "%",
        finalLoss.ToString("F4", CultureInfo.InvariantCulture),
    ];

    private static double Gflops(double samplesPerSecond) => samplesPerSecond * FlopPerSample / 1e9;

    private static double Median(List<RunResult> runs)
    {
        var sorted = runs.Select(r => r.SamplesPerSecond).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record RunResult(double SamplesPerSecond, double FinalLoss);

    /// <summary>Run sizes: defaults, shrunk by --quick, overridden by --set steps|warmup|rounds|threads|batch=N.</summary>
    private sealed record Settings(int Steps, int Warmup, int Rounds, int Threads, int Batch)
    {
        public static Settings From(BenchOptions options)
        {
            var s = options.Quick
                ? new Settings(Steps: 3, Warmup: 1, Rounds: 1, Threads: Environment.ProcessorCount, Batch: 128)
                : new Settings(Steps: 40, Warmup: 5, Rounds: 3, Threads: Environment.ProcessorCount, Batch: 128);
            foreach (var set in options.Sets)
            {
                var parts = set.Split('=', 2);
                var minimum = parts[0] == "warmup" ? 0 : 1;
                if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < minimum)
                    throw new UsageException($"--set {set}: expected {parts[0]}=N with N >= {minimum}.");
                s = parts[0] switch
                {
                    "steps" => s with { Steps = n },
                    "warmup" => s with { Warmup = n },
                    "rounds" => s with { Rounds = n },
                    "threads" => s with { Threads = n },
                    "batch" => s with { Batch = n },
                    _ => throw new UsageException($"--set {parts[0]}: bench compute knows steps, warmup, rounds, threads and batch."),
                };
            }
            return s;
        }
    }
}
