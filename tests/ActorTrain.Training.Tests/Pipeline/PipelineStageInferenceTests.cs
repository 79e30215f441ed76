using ActorTrain.Torch;
using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.Tests.Pipeline;

public class PipelineStageInferenceTests
{
    [TorchFact]
    public void Inference_leaves_batch_norm_running_statistics_alone_and_the_stage_in_train_mode()
    {
        var norm = new BatchNorm1d(3);
        using var layers = new Sequential(new Linear(4, 3), norm);
        using var stage = new PipelineStage(1, 2, [layers], 1, new SGD(layers.Parameters(), 0.1), Device.Cpu, [4]);
        using var input = Tensor.Randn([8, 4]).Mul(5.0);

        using (stage.Infer(input))
        {
        }

        Assert.Equal([0f, 0f, 0f], norm.RunningMean!.ToArrayFloat());
        Assert.Equal([1f, 1f, 1f], norm.RunningVar!.ToArrayFloat());
        Assert.True(norm.IsTraining);
    }
}
