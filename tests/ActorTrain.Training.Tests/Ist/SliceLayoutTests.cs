using ActorTrain.Training.Model;
using ActorTrain.Data;
using ActorTrain.Torch;
using ActorTrain.Training.DataParallel;
using ActorTrain.Training.Ist;
using ActorTrain.Training.Tests.DataParallel;

namespace ActorTrain.Training.Tests.Ist;

public sealed class SliceLayoutTests
{
    [Fact]
    public void Weights_are_cut_by_their_rows_and_columns_and_per_class_tensors_are_shared()
    {
        string[] names = ["0.0.weight", "0.1.weight", "0.1.running_var", "0.1.num_batches_tracked", "1.0.weight", "1.0.bias",
                          "2.0.weight", "2.0.bias", "2.1.running_mean"];
        var layout = SliceLayout.For(names, blocks: 3);

        Assert.Equal(new SliceRule(0, null, false), layout.Rules["0.0.weight"]);
        Assert.Equal(new SliceRule(0, null, false), layout.Rules["0.1.weight"]);
        Assert.Equal(new SliceRule(0, null, false), layout.Rules["0.1.running_var"]);
        Assert.False(layout.Rules.ContainsKey("0.1.num_batches_tracked"));
        Assert.Equal(new SliceRule(1, 0, false), layout.Rules["1.0.weight"]);
        Assert.Equal(new SliceRule(1, null, false), layout.Rules["1.0.bias"]);
        Assert.Equal(new SliceRule(null, 1, false), layout.Rules["2.0.weight"]);
        Assert.Equal(new SliceRule(null, null, true), layout.Rules["2.0.bias"]);
        Assert.Equal(new SliceRule(null, null, true), layout.Rules["2.1.running_mean"]);
        Assert.Equal(new SliceRule(1, 0, false), layout.RuleFor("1.0.weight#momentum_buffer"));
    }

    [TorchFact]
    public void Cutting_every_worker_s_slices_and_pasting_them_back_leaves_the_model_bit_identical()
    {
        var spec = SmallRuns.Model(SmallRuns.IstLayers);
        using var model = ModelBuilder.BuildWhole(spec, 5);
        // Make the batch-norm tensors differ from their 0/1 defaults, so a misplaced slice would show.
        using (var generator = new Generator(1))
        using (Torch.Torch.NoGrad())
            foreach (var (_, t) in model.StateDict().Where(kv => kv.Value.DType == ScalarType.Float32))
                using (var noise = Tensor.Randn(t.Shape, generator: generator)) t.Add_(noise);
        var before = SmallRuns.Snapshot(model, buffers: true);
        var layout = SliceLayout.For(model.StateDict().Keys, spec.Blocks.Count);
        var state = model.StateDict();
        var random = new SeededRandom(2, 0);
        var partitions = new[] { 32, 32 }.Select(w => SubnetPartition.Draw(w, 3, random)).ToList();

        for (var worker = 0; worker < 3; worker++)
        {
            var index = partitions.Select(p => Tensor.FromSpan(p[worker].Select(i => (long)i).ToArray(), [p[worker].Count])).ToList();
            foreach (var (name, rule) in layout.Rules)
            {
                using var slice = SliceLayout.Cut(state[name], rule, index);
                if (!rule.Shared) SliceLayout.Paste(state[name], rule, index, slice);
            }
            foreach (var t in index) t.Dispose();
        }

        SmallRuns.AssertClose(before, SmallRuns.Snapshot(model, buffers: true), 0);
    }
}
