using ActorTrain.Config.Settings;
using ActorTrain.Torch;
using ActorTrain.Torch.NN;
using ActorTrain.Training.Pipeline;

namespace ActorTrain.Training.Decoupled;

/// <summary>
/// The compute half of a decoupled stage, free of messaging: a <see cref="PipelineStage"/> (the same layers, optimizer
/// and parameter names as in sync mode, so a mode switch keeps every parameter) trained towards its own target, which
/// is the next boundary's code of the label, or the label itself on the last stage. Runs on the stage actor's thread.
/// </summary>
internal sealed class DecoupledStage : IDisposable
{
    private const double CosineEps = 1e-8;

    private readonly Tensor? _inputCodes;
    private readonly Tensor? _targetCodes;
    private readonly Generator _noise;
    private readonly DecoupledSettings _settings;
    private readonly long[] _inputShape;
    private readonly IReadOnlyList<Module> _layers;

    /// <param name="inputCodes">The previous boundary's table (null on the first stage).</param>
    /// <param name="targetCodes">This stage's boundary table (null on the last stage, which learns the labels).</param>
    public DecoupledStage(PipelineStage stage, long[] inputSampleShape, SyntheticLabelTable? inputCodes, SyntheticLabelTable? targetCodes,
        DecoupledSettings settings, long noiseSeed)
    {
        Stage = stage;
        InputCodes = inputCodes;
        TargetCodes = targetCodes;
        _settings = settings;
        _inputShape = inputSampleShape;
        _inputCodes = OnDevice(inputCodes);
        _targetCodes = OnDevice(targetCodes);
        _noise = new Generator(noiseSeed);
        _layers = targetCodes is null || settings.StageEnd == DecoupledStageEnd.Model ? [Stage.Layers] : CodeHead(Stage.Layers);
    }

    public PipelineStage Stage { get; }

    /// <summary>One sample's input shape (no batch dimension).</summary>
    public long[] InputSampleShape => _inputShape;
    public SyntheticLabelTable? InputCodes { get; }
    public SyntheticLabelTable? TargetCodes { get; }
    public int Index => Stage.Index;
    public bool IsFirst => Stage.IsFirst;
    public bool IsLast => Stage.IsLast;

    /// <summary>Uniform codes lie in (0, 1): a stage that learns them in its last weight layer ends in a sigmoid (not a
    /// parameter, so not in the state). Ending as in the model, its own activation decides what it can reach.</summary>
    private bool EndsInSigmoid => _targetCodes is not null && _settings.Codes == CodeDistribution.Uniform && _settings.StageEnd == DecoupledStageEnd.Linear;

    /// <summary>Labels as an int64 tensor on this stage's device, owned by the caller.</summary>
    public Tensor Labels(long[] labels)
    {
        var cpu = Tensor.FromSpan(labels, [labels.Length]);
        if (Stage.Device == Device.Cpu) return cpu;
        using (cpu) return cpu.To(Stage.Device);
    }

    /// <summary>The previous boundary's codes of <paramref name="labels"/>, plus Gaussian noise when training, shaped as this stage's input.</summary>
    public Tensor CodeInputs(Tensor labels, bool noisy)
    {
        using var rows = _inputCodes!.IndexSelect(0, labels);
        long[] shape = [labels.Size(0), .. _inputShape];
        if (!noisy || _settings.NoiseSigma == 0) return rows.Reshape(shape);
        using var unit = Tensor.Randn(rows.Shape, generator: _noise);
        using var onDevice = Stage.Device == Device.Cpu ? unit.Alias() : unit.To(Stage.Device);
        using var noisyRows = rows.Add(onDevice, _settings.NoiseSigma);
        return noisyRows.Reshape(shape);
    }

    /// <summary>Input on this stage's device, checked against the stage's per-sample shape; owned by the caller.</summary>
    public Tensor Prepare(Tensor input, int fromStage)
    {
        Stage.CheckInput(Pipeline.Messages.TensorMeta.Of(input), fromStage);
        return input.Device == Stage.Device ? input.Alias() : input.To(Stage.Device);
    }

    /// <summary>
    /// The stage's layers, ending in its last weight layer (and a sigmoid for uniform codes) when it learns codes; under
    /// autograd unless the caller is in a no-grad scope.
    /// </summary>
    public Tensor Forward(Tensor input)
    {
        var y = _layers[0].Forward(input);
        foreach (var layer in _layers.Skip(1))
        {
            using var previous = y;
            y = layer.Forward(previous);
        }
        if (!EndsInSigmoid) return y;
        using (y) return y.Sigmoid();
    }

    /// <summary>The stage's own mean loss: towards the code of each label, or cross-entropy on the last stage.</summary>
    public Tensor Loss(Tensor output, Tensor labels)
    {
        if (_targetCodes is null) return Functional.CrossEntropy(output, labels);
        using var target = _targetCodes.IndexSelect(0, labels);
        using var flat = output.Reshape(labels.Size(0), -1);
        return _settings.Loss == DecoupledLoss.Mse ? Functional.MseLoss(flat, target) : CosineLoss(flat, target);
    }

    /// <summary>Applies the gradients of the last loss and clears them.</summary>
    public void Step() => Stage.Step();

    /// <summary>
    /// Test-time hits: on the first stage, outputs whose nearest code is their label's; on the last, correct
    /// predictions; 0 in between.
    /// </summary>
    public int Hits(Tensor output, Tensor labels)
    {
        if (IsLast) return Scoring.Correct(output, labels);
        if (!IsFirst) return 0;
        // argmin_c |o - s_c|^2 = argmax_c (2 o.s_c - |s_c|^2): the |o|^2 term is the same for every class.
        using var flat = output.Reshape(labels.Size(0), -1);
        using var codesT = _targetCodes!.T();
        using var dots = flat.Matmul(codesT);
        using var squares = _targetCodes.Mul(_targetCodes);
        using var norms = squares.Sum(1);
        using var twice = dots.Mul(2.0);
        using var scores = twice.Sub(norms);
        return Scoring.Correct(scores, labels);
    }

    public void Dispose()
    {
        _inputCodes?.Dispose();
        _targetCodes?.Dispose();
        _noise.Dispose();
        Stage.Dispose();
    }

    /// <summary>
    /// With stage-end = linear a stage that learns codes ends in its last weight layer: normal and orthogonal codes have
    /// negative entries that a trailing ReLU could never produce (the paper's "linear end"), and uniform codes get a
    /// sigmoid in its place.
    /// </summary>
    private static IReadOnlyList<Module> CodeHead(Sequential blocks)
    {
        var layers = blocks.Layers.Take(blocks.Count - 1).ToList<Module>();
        var last = (Sequential)blocks[blocks.Count - 1];
        var cut = last.Layers.ToList().FindLastIndex(l => l is Linear or Conv2d);
        layers.AddRange(last.Layers.Take(cut + 1));
        return layers;
    }

    private Tensor? OnDevice(SyntheticLabelTable? table)
    {
        if (table is null) return null;
        var cpu = table.ToTensor();
        if (Stage.Device == Device.Cpu) return cpu;
        using (cpu) return cpu.To(Stage.Device);
    }

    /// <summary>1 - mean cosine similarity between each output row and its target code.</summary>
    private static Tensor CosineLoss(Tensor output, Tensor target)
    {
        using var products = output.Mul(target);
        using var dots = products.Sum(1);
        using var outputSquares = output.Mul(output);
        using var outputNorms = outputSquares.Sum(1);
        using var targetSquares = target.Mul(target);
        using var targetNorms = targetSquares.Sum(1);
        using var normProduct = outputNorms.Mul(targetNorms);
        using var guarded = normProduct.Add(CosineEps);
        using var denominator = guarded.Sqrt();
        using var cosine = dots.Div(denominator);
        using var mean = cosine.Mean();
        return 1.0 - mean;
    }
}
