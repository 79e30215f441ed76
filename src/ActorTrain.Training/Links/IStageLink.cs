namespace ActorTrain.Training.Links;

/// <summary>
/// The only way an activation or gradient leaves a stage: one link per neighbour and direction. In process it passes
/// the tensor by reference in an actor message; decorators (profiling, fault injection) and other transports (Gloo
/// between processes) implement the same contract, so stage code never changes with them.
/// </summary>
public interface IStageLink
{
    /// <summary>The sending stage.</summary>
    int From { get; }

    /// <summary>The receiving stage.</summary>
    int To { get; }

    /// <summary>Hands <paramref name="message"/> to the receiving stage, which from then on owns its tensor.</summary>
    void Send(ILinkMessage message);

    /// <summary>A link-protocol message for the sending end (an acknowledgement, a resend request, its timer); plain links ignore it.</summary>
    void Control(ILinkControl message)
    {
    }

    /// <summary>Frees what the link kept for resending; called when the sending stage stops.</summary>
    void Close()
    {
    }
}
