namespace ActorTrain.Training.Links;

/// <summary>
/// A message of the link protocol itself (acknowledgement, resend request, a timer), about the link
/// <see cref="From"/> → <see cref="To"/>; the stage actor at either end hands it to its link or its inbox.
/// </summary>
public interface ILinkControl
{
    int From { get; }

    int To { get; }
}
