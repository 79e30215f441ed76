namespace ActorTrain.Training.Ist;

/// <summary>
/// How one tensor of the full model is cut for a worker: dimension 0 by the neurons of hidden layer
/// <see cref="RowLayer"/>, dimension 1 by those of <see cref="ColumnLayer"/> (null: the whole dimension). A
/// <see cref="Shared"/> tensor (the output layer's bias and batch-norm tensors, one entry per class) goes whole to
/// every worker and comes back averaged.
/// </summary>
internal readonly record struct SliceRule(int? RowLayer, int? ColumnLayer, bool Shared);
