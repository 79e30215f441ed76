using System.Globalization;

namespace ActorTrain.Torch;

/// <summary>Where a tensor lives: <c>cpu</c> or <c>cuda:N</c>, spelled as in PyTorch.</summary>
public readonly record struct Device(DeviceType Type, int Index)
{
    public static Device Cpu => new(DeviceType.Cpu, 0);

    public static Device Cuda(int index = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new Device(DeviceType.Cuda, index);
    }

    public bool IsCuda => Type == DeviceType.Cuda;

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> (meaning cuda:0) or <c>cuda:N</c>, case-insensitively.</summary>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().ToLowerInvariant();
        if (s == "cpu") return Cpu;
        if (s == "cuda") return Cuda(0);
        if (s.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(s.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return Cuda(index);
        throw new FormatException($"'{text}' is not a device; expected 'cpu', 'cuda' or 'cuda:N'");
    }

    public override string ToString() => Type == DeviceType.Cpu ? "cpu" : $"cuda:{Index}";
}
