using ActorTrain.Data;
using ActorTrain.Training.Partitioning;

namespace ActorTrain.Training.Ist;

/// <summary>
/// One hidden layer's neurons cut into n disjoint parts for one IST round: the neuron indices are shuffled and cut
/// into consecutive parts whose sizes differ by at most one (the first parts larger), so worker i always gets the same
/// number of neurons and its subnet keeps one shape for the whole run. Each part is sorted, which keeps a subnet's
/// neurons in the full model's order (with one worker the subnet is the full model, neuron for neuron).
/// </summary>
internal sealed class SubnetPartition
{
    private readonly int[][] _parts;

    private SubnetPartition(int neurons, int[][] parts) => (Neurons, _parts) = (neurons, parts);

    public int Neurons { get; }

    public int Count => _parts.Length;

    /// <summary>Neuron indices of part <paramref name="worker"/>, ascending.</summary>
    public IReadOnlyList<int> this[int worker] => _parts[worker];

    /// <summary>How many neurons each part gets.</summary>
    public static int[] Sizes(int neurons, int parts)
    {
        if (parts > neurons) throw new ArgumentException($"{neurons} neurons cannot be shared by {parts} workers", nameof(parts));
        return EvenSplit.Sizes(neurons, parts);
    }

    public static SubnetPartition Draw(int neurons, int parts, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var sizes = Sizes(neurons, parts);
        var order = Enumerable.Range(0, neurons).ToArray();
        random.Shuffle(order.AsSpan());
        var cut = new int[parts][];
        for (int i = 0, start = 0; i < parts; start += sizes[i], i++)
        {
            cut[i] = order[start..(start + sizes[i])];
            Array.Sort(cut[i]);
        }
        return new SubnetPartition(neurons, cut);
    }
}
