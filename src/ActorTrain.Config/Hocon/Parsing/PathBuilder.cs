using System.Text;

namespace ActorTrain.Config.Hocon.Parsing;

/// <summary>
/// Builds a path expression from its pieces: `.` splits unquoted text (numbers included, so `10.0foo` is `10`, `0foo`)
/// but not quoted text, inner whitespace is kept and outer whitespace dropped, and an empty element must be quoted.
/// </summary>
internal sealed class PathBuilder
{
    private readonly List<string> _elements = new();
    private readonly StringBuilder _current = new();
    private string _pendingSpace = "";
    private bool _touched;

    public bool IsEmpty => _elements.Count == 0 && !_touched;

    public void AppendUnquoted(string text, HoconOrigin origin)
    {
        var start = 0;
        for (var dot = text.IndexOf('.'); dot >= 0; dot = text.IndexOf('.', start))
        {
            if (dot > start) Append(text[start..dot]);
            EndElement(origin with { Column = origin.Column + dot });
            start = dot + 1;
        }
        if (start < text.Length) Append(start == 0 ? text : text[start..]);
    }

    public void AppendQuoted(string text) => Append(text);

    public void AppendWhitespace(string text)
    {
        if (!IsEmpty) _pendingSpace += text;
    }

    public IReadOnlyList<string> Build(HoconOrigin end)
    {
        _pendingSpace = "";
        EndElement(end);
        return _elements;
    }

    private void Append(string text)
    {
        _current.Append(_pendingSpace).Append(text);
        _pendingSpace = "";
        _touched = true;
    }

    private void EndElement(HoconOrigin at)
    {
        if (!_touched)
            throw new ConfigErrorException(
                "a path element is empty: `a..b` and paths that start or end with '.' are invalid (quote an empty key as \"\")", at);
        _current.Append(_pendingSpace);
        _pendingSpace = "";
        _elements.Add(_current.ToString());
        _current.Clear();
        _touched = false;
    }
}
