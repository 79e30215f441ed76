using System.Text.Json.Nodes;

namespace ActorTrain.Cli.Tests.Bench;

/// <summary>`actortrain bench ist-dp --quick --json` as a user runs it: a real process that starts its own workers four times.</summary>
public sealed class IstDpBenchTests
{
    // ist-mlp (784-2048-2048-10, no bias, batch norm) has 5,828,608 parameters: dp all-reduces their gradients (float32)
    // and the loss (two float64) every step, and a ring all-reduce of two ranks sends the whole tensor from each rank.
    private const long DpBytesPerStep = 2 * (5_828_608L * 4 + 16);

    // With two subnets a worker holds 1,024 of each hidden layer's 2,048 neurons: rows of the first layer, the diagonal
    // block of the second, columns of the output layer, its neurons' batch-norm weight, bias and running statistics,
    // and the running statistics of the output's batch norm (shared by every worker).
    private const long IstBytesPerWorkerAndWay = (1024L * 784 + 1024 * 1024 + 10 * 1024 + 2 * 4 * 1024 + 2 * 10) * 4;

    [TrainingFact]
    public void A_quick_run_reports_ist_and_dp_unpaced_and_paced_with_the_bytes_each_puts_on_the_wire()
    {
        var result = ActortrainProcess.Run(["bench", "ist-dp", "--quick", "--json"]);

        Assert.True(result.Code == 0, result.Err);
        var runs = JsonNode.Parse(result.Out)!["runs"]!.AsArray();
        Assert.Equal(["ist unpaced", "dp unpaced", "ist 100 MB/s", "dp 100 MB/s"], runs.Select(r => $"{r!["mode"]} {r["link"]}"));
        foreach (var run in runs)
        {
            var steps = run!["steps"]!.GetValue<long>();
            var expected = run["mode"]!.GetValue<string>() == "dp" ? steps * DpBytesPerStep : steps * 4 * IstBytesPerWorkerAndWay;
            Assert.Equal(expected, run["gloo-bytes"]!.GetValue<long>());
            Assert.True(run["test-accuracy"]!.GetValue<double>() > 0.1, result.Err);
        }
        // A lower bound only: every rank's share of a paced dp run's all-reduces takes at least its bytes / 100 MB/s.
        var pacedDp = runs[3]!;
        Assert.True(pacedDp["wall-s"]!.GetValue<double>() >= pacedDp["gloo-bytes"]!.GetValue<long>() / 2 / 100e6, pacedDp.ToJsonString());
    }
}
