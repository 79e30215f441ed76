using ActorTrain.Data.Loading;
using ActorTrain.Torch.NN;
using ActorTrain.Torch;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.Ist;

/// <summary>
/// Recomputes every batch norm's running statistics of a whole model from training batches: the plain average of the
/// batch means and variances the layers see (as torch.optim.swa_utils.update_bn with momentum None). IST's running
/// statistics are stitched from subnets that each saw a different part of the network, so they fit the full model
/// only after this.
/// </summary>
internal static class BatchNormRecalibration
{
    public static void Recalibrate(Sequential model, BatchLoader train, int epoch, int batches)
    {
        var norms = model.Layers.OfType<Sequential>().SelectMany(b => b.Layers).OfType<BatchNorm1d>()
            .Where(bn => bn.RunningMean is not null).ToList();
        var means = norms.ToDictionary(bn => bn, bn => Tensor.Zeros([bn.NumFeatures]));
        var variances = norms.ToDictionary(bn => bn, bn => Tensor.Zeros([bn.NumFeatures]));
        try
        {
            using var _ = Torch.Torch.NoGrad();
            model.Train();
            var batch = train.CreateBatch();
            var count = Math.Max(1, Math.Min(batches, train.BatchesPerEpoch));
            for (var b = 0; b < count; b++)
            {
                train.Fill(epoch, b, batch);
                var x = WholeModel.Features(batch, 0, batch.Count);
                foreach (var layer in model.Layers.OfType<Sequential>().SelectMany(block => block.Layers))
                {
                    if (layer is BatchNorm1d bn && means.TryGetValue(bn, out var mean))
                    {
                        using var m = x.Mean(0);
                        using var v = x.Var(0, unbiased: true);
                        mean.Add_(m);
                        variances[bn].Add_(v);
                    }
                    var next = layer.Forward(x);
                    x.Dispose();
                    x = next;
                }
                x.Dispose();
            }
            foreach (var bn in norms)
            {
                bn.RunningMean!.Copy_(means[bn].Div_(count));
                bn.RunningVar!.Copy_(variances[bn].Div_(count));
            }
        }
        finally
        {
            foreach (var t in means.Values.Concat(variances.Values)) t.Dispose();
        }
    }
}
