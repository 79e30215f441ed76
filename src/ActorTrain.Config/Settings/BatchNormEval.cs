namespace ActorTrain.Config.Settings;

/// <summary>Which batch-norm statistics IST uses at evaluation: the batch's own, or recalibrated running statistics.</summary>
public enum BatchNormEval
{
    Batch,
    Recalibrate,
}
