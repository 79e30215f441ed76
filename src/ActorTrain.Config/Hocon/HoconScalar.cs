using System.Globalization;

namespace ActorTrain.Config.Hocon;

/// <summary>A string, number, boolean or null. Numbers keep the text they were written with.</summary>
public sealed class HoconScalar : HoconValue
{
    private readonly HoconValueType _type;

    internal HoconScalar(HoconValueType type, string text, HoconOrigin origin) : base(origin)
    {
        _type = type;
        Text = text;
    }

    public override HoconValueType Type => _type;

    /// <summary>The string itself, the number as written, "true"/"false", or "null".</summary>
    public string Text { get; }

    internal static HoconScalar String(string text, HoconOrigin origin) => new(HoconValueType.String, text, origin);
    internal static HoconScalar Null(HoconOrigin origin) => new(HoconValueType.Null, "null", origin);

    /// <summary>The value as a whole number; strings convert by JSON number rules, as the spec recommends.</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (_type is not (HoconValueType.Number or HoconValueType.String)) return false;
        if (long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        // 1e3 or 2.0 are whole numbers written as doubles.
        if (TryGetDouble(out var d) && d == Math.Floor(d) && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }
        return false;
    }

    public bool TryGetDouble(out double value)
    {
        value = 0;
        return _type is HoconValueType.Number or HoconValueType.String &&
               double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Booleans, and the strings true/yes/on and false/no/off (the six the spec recommends).</summary>
    public bool TryGetBoolean(out bool value)
    {
        value = false;
        if (_type is not (HoconValueType.Boolean or HoconValueType.String)) return false;
        switch (Text)
        {
            case "true" or "yes" or "on": value = true; return true;
            case "false" or "no" or "off": return true;
            default: return false;
        }
    }

    public override string Describe() => _type switch
    {
        HoconValueType.String => $"string \"{Text}\"",
        HoconValueType.Number => $"number {Text}",
        HoconValueType.Boolean => $"boolean {Text}",
        _ => "null",
    };

    public override string ToString() => Text;
}
