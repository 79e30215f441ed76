namespace ActorTrain.Config.Settings;

/// <summary>`async.update`: when a stage of the pipeline without flush steps its optimizer.</summary>
public enum AsyncUpdate
{
    /// <summary>After every micro-batch's backward (PipeDream).</summary>
    [ConfigName("micro-batch")]
    MicroBatch,

    /// <summary>After the backward of a mini-batch's last micro-batch, on the gradients of all of them (PipeDream-2BW).</summary>
    [ConfigName("mini-batch")]
    MiniBatch,
}
