namespace ActorTrain.Config.Settings;

/// <summary>`recovery.on-node-loss`: what a clustered pipeline does when a worker process is lost.</summary>
public enum NodeLossPolicy
{
    /// <summary>Stop the run with exit 1 naming the node and its stages; the last committed checkpoint resumes with --resume.</summary>
    Stop,
    /// <summary>
    /// Keep going: place the lost stages on a spare worker (or, after recovery.spare-wait, on the survivors), re-form the
    /// Gloo group under a new generation and replay from the last committed checkpoint.
    /// </summary>
    [ConfigName("re-place")]
    RePlace,
}
