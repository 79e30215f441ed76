using System.Text;

namespace ActorTrain.Config.Hocon.Rendering;

/// <summary>Writes a resolved tree as indented JSON. Numbers keep the text they were written with, which the lexer only accepts in JSON form.</summary>
internal static class JsonRenderer
{
    public static string Render(HoconValue value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.Append('\n').ToString();
    }

    private static void Write(StringBuilder sb, HoconValue value, int depth)
    {
        switch (value)
        {
            case HoconObject obj:
                WriteItems(sb, '{', '}', obj.Select(f => (HoconPath.Quote(f.Key) + ": ", f.Value)).ToList(), depth);
                break;
            case HoconArray array:
                WriteItems(sb, '[', ']', array.Select(v => ("", v)).ToList(), depth);
                break;
            case HoconScalar scalar:
                sb.Append(scalar.Type == HoconValueType.String ? HoconPath.Quote(scalar.Text) : scalar.Text);
                break;
        }
    }

    private static void WriteItems(StringBuilder sb, char open, char close, List<(string Prefix, HoconValue Value)> items, int depth)
    {
        sb.Append(open);
        if (items.Count == 0)
        {
            sb.Append(close);
            return;
        }
        sb.Append('\n');
        for (var i = 0; i < items.Count; i++)
        {
            sb.Append(' ', 2 * (depth + 1)).Append(items[i].Prefix);
            Write(sb, items[i].Value, depth + 1);
            sb.Append(i < items.Count - 1 ? ",\n" : "\n");
        }
        sb.Append(' ', 2 * depth).Append(close);
    }
}
