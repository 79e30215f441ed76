using System.Text;

namespace ActorTrain.Config.Hocon.Rendering;

/// <summary>
/// Writes a resolved tree back as HOCON that reads back to the same tree: strings always quoted (so `on` stays a
/// string), keys quoted only where needed, optionally each value followed by the file and line that set it.
/// </summary>
internal static class HoconRenderer
{
    private const string Indent = "  ";

    public static string Render(HoconObject root, bool withOrigins)
    {
        var sb = new StringBuilder();
        WriteFields(sb, root, 0, withOrigins);
        return sb.ToString();
    }

    private static void WriteFields(StringBuilder sb, HoconObject obj, int depth, bool withOrigins)
    {
        foreach (var (key, value) in obj)
        {
            sb.Append(Pad(depth)).Append(HoconPath.RenderKey(key));
            if (value is HoconObject child)
            {
                sb.Append(' ');
                WriteObject(sb, child, depth, withOrigins);
                sb.Append('\n');
                continue;
            }
            sb.Append(" = ");
            WriteValue(sb, value, depth, withOrigins);
            if (withOrigins) sb.Append("  # ").Append(value.Origin.File).Append(':').Append(value.Origin.Line);
            sb.Append('\n');
        }
    }

    private static void WriteObject(StringBuilder sb, HoconObject obj, int depth, bool withOrigins)
    {
        if (obj.Count == 0)
        {
            sb.Append("{}");
            return;
        }
        sb.Append("{\n");
        WriteFields(sb, obj, depth + 1, withOrigins);
        sb.Append(Pad(depth)).Append('}');
    }

    private static void WriteValue(StringBuilder sb, HoconValue value, int depth, bool withOrigins)
    {
        switch (value)
        {
            case HoconObject obj:
                WriteObject(sb, obj, depth, withOrigins);
                break;
            case HoconArray array when array.All(v => v is HoconScalar):
                sb.Append('[').AppendJoin(", ", array.Select(v => Scalar((HoconScalar)v))).Append(']');
                break;
            case HoconArray array:
                sb.Append("[\n");
                for (var i = 0; i < array.Count; i++)
                {
                    sb.Append(Pad(depth + 1));
                    WriteValue(sb, array[i], depth + 1, withOrigins);
                    sb.Append(i < array.Count - 1 ? ",\n" : "\n");
                }
                sb.Append(Pad(depth)).Append(']');
                break;
            case HoconScalar scalar:
                sb.Append(Scalar(scalar));
                break;
        }
    }

    private static string Scalar(HoconScalar scalar) => scalar.Type == HoconValueType.String ? HoconPath.Quote(scalar.Text) : scalar.Text;

    private static string Pad(int depth) => string.Concat(Enumerable.Repeat(Indent, depth));
}
