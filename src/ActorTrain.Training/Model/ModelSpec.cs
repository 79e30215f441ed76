using ActorTrain.Config.Settings;

namespace ActorTrain.Training.Model;

/// <summary>A whole model as blocks with inferred shapes; built from a preset or an explicit layer list.</summary>
public sealed record ModelSpec(string Name, int[] InputShape, int Classes, IReadOnlyList<BlockSpec> Blocks)
{
    public long Parameters => Blocks.Sum(b => b.Parameters);

    /// <summary>
    /// Groups layers into blocks (a block starts at each linear or conv layer; leading parameter-free layers
    /// join the first block), infers every shape and checks that the model ends in one logit per class.
    /// </summary>
    public static ModelSpec FromLayers(string name, int[] inputShape, int classes, IReadOnlyList<LayerSpec> layers)
    {
        if (layers.Count == 0) throw new ModelSpecException($"model '{name}' has no layers");
        if (!layers.Any(ShapeInference.StartsBlock)) throw new ModelSpecException($"model '{name}' has no linear or conv layer to train");

        var blocks = new List<BlockSpec>();
        var current = new List<LayerSpec>();
        int[] shape = inputShape, blockInput = inputShape;
        long parameters = 0;
        var seenWeights = false;
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            if (ShapeInference.StartsBlock(layer) && seenWeights)
            {
                blocks.Add(new BlockSpec(blocks.Count, current, blockInput, shape, parameters));
                (current, blockInput, parameters) = (new List<LayerSpec>(), shape, 0);
            }
            seenWeights |= ShapeInference.StartsBlock(layer);
            parameters += ShapeInference.Parameters(layer, shape);
            shape = ShapeInference.OutputShape(layer, shape, i);
            current.Add(layer);
        }
        blocks.Add(new BlockSpec(blocks.Count, current, blockInput, shape, parameters));

        if (shape.Length != 1 || shape[0] != classes)
            throw new ModelSpecException(
                $"model '{name}' ends with shape [{string.Join(", ", shape)}] but the dataset has {classes} classes; the last layer must output {classes}");
        return new ModelSpec(name, inputShape, classes, blocks);
    }
}
