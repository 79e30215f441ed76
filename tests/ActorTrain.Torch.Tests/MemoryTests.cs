using System.Diagnostics;

namespace ActorTrain.Torch.Tests;

/// <summary>Runs alone, after the parallel test classes: it reads the whole process's resident memory, which any test
/// running beside it moves (one did, by 28 MB, once).</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTestsRunAlone;

[Collection(nameof(MemoryTests))]
public class MemoryTests
{
    private static void Cycle(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var t = Tensor.Zeros([64]);
            using var u = t.Add(1);
        }
    }

    [TorchFact]
    public void A_hundred_thousand_create_dispose_cycles_leave_memory_flat()
    {
        Cycle(10_000);
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        Cycle(100_000);
        GC.Collect();
        process.Refresh();
        var growth = process.WorkingSet64 - before;
        // A leak of one 64-float tensor per cycle alone would be over 25 MB; allow allocator noise below that.
        Assert.True(growth < 16 * 1024 * 1024, $"resident memory grew by {growth / 1024} KiB");
    }
}
