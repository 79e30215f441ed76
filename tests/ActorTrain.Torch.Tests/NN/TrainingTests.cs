using ActorTrain.Torch.NN;
using ActorTrain.Torch.Optim;

namespace ActorTrain.Torch.Tests.NN;

public class TrainingTests
{
    private const int Classes = 4;
    private const int Features = 20;

    // Gaussian blobs: one random centre per class, unit noise around it.
    private static (Tensor X, Tensor Y) Blobs(Tensor centres, int count, Generator g)
    {
        var labels = Tensor.RandInt(0, Classes, [count], g);
        using var means = centres.IndexSelect(0, labels);
        using var noise = Tensor.Randn([count, Features], generator: g);
        return (means + noise, labels);
    }

    [TorchFact]
    public void A_small_mlp_learns_seeded_gaussian_blobs_above_95_percent()
    {
        using var g = new Generator(1234);
        using var centres = Tensor.Randn([Classes, Features], generator: g).Mul_(1.5);
        var (trainX, trainY) = Blobs(centres, 2048, g);
        var (testX, testY) = Blobs(centres, 1024, g);
        using var model = new Sequential(new Linear(Features, 64, generator: g), new ReLU(), new Linear(64, Classes, generator: g));
        using var sgd = new SGD(model.Parameters(), learningRate: 0.05, momentum: 0.9);
        using (trainX)
        using (trainY)
        using (testX)
        using (testY)
        {
            const int batch = 64;
            for (var epoch = 0; epoch < 5; epoch++)
                for (var start = 0; start < 2048; start += batch)
                {
                    using var x = trainX.Narrow(0, start, batch);
                    using var y = trainY.Narrow(0, start, batch);
                    using var logits = model.Forward(x);
                    using var loss = Functional.CrossEntropy(logits, y);
                    sgd.ZeroGrad();
                    loss.Backward();
                    sgd.Step();
                }
            model.Eval();
            using (Torch.NoGrad())
            {
                using var logits = model.Forward(testX);
                using var predicted = logits.Argmax(1);
                using var correct = predicted.Eq(testY);
                using var count = correct.Sum();
                var accuracy = count.ToScalarLong() / 1024.0;
                Assert.True(accuracy > 0.95, $"accuracy {accuracy:P1}");
            }
        }
    }
}
