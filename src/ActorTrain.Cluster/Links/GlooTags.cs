namespace ActorTrain.Cluster.Links;

/// <summary>
/// Fixed Gloo tags per boundary and direction, so the two directions of one boundary, and several boundaries between
/// the same two workers, never take each other's messages: boundary b (stage b to b+1) uses 4b..4b+3.
/// </summary>
internal static class GlooTags
{
    public static (int Header, int Payload) Forward(int boundary) => (4 * boundary, 4 * boundary + 1);

    public static (int Header, int Payload) Backward(int boundary) => (4 * boundary + 2, 4 * boundary + 3);
}
