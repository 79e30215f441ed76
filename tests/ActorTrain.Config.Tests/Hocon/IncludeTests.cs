using ActorTrain.Config.Hocon;

namespace ActorTrain.Config.Tests.Hocon;

/// <summary>The spec's "Includes" section, on files written to a temporary directory.</summary>
public sealed class IncludeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private HoconConfig ReadFile(string name) => new(HoconReader.ParseFile(Path.Combine(_dir.Path, name)));

    [Fact]
    public void An_included_file_takes_the_place_of_the_statement()
    {
        _dir.Write("other.conf", "x = 10\ny = 20");
        _dir.Write("main.conf", "x = 1\ninclude \"other.conf\"\ny = 2");
        var c = ReadFile("main.conf");
        Assert.Equal(10, c.GetInt("x"));
        Assert.Equal(2, c.GetInt("y"));
    }

    [Fact]
    public void Relative_names_resolve_against_the_including_file_not_the_working_directory()
    {
        _dir.Write("conf/inner/leaf.conf", "leaf = true");
        _dir.Write("conf/inner/mid.conf", "include \"leaf.conf\"\nmid = true");
        _dir.Write("conf/main.conf", "include file(\"inner/mid.conf\")");
        var c = ReadFile("conf/main.conf");
        Assert.True(c.GetBool("leaf"));
        Assert.True(c.GetBool("mid"));
    }

    [Fact]
    public void A_missing_include_is_ignored_but_a_missing_required_include_is_an_error()
    {
        _dir.Write("main.conf", "include \"absent.conf\"\na = 1");
        Assert.Equal(1, ReadFile("main.conf").GetInt("a"));

        _dir.Write("strict.conf", "a = 1\ninclude required(file(\"absent.conf\"))");
        var e = Assert.Throws<ConfigErrorException>(() => ReadFile("strict.conf"));
        Assert.Contains("required include \"absent.conf\" not found", e.Message);
        Assert.Equal((2, 23), (e.Line, e.Column));
    }

    [Fact]
    public void Required_accepts_a_plain_quoted_name_and_whitespace_inside_the_parentheses()
    {
        _dir.Write("other.conf", "x = 10");
        _dir.Write("main.conf", "include required( \"other.conf\" )\ninclude required( file( \"other.conf\" ) )");
        Assert.Equal(10, ReadFile("main.conf").GetInt("x"));
    }

    [Fact]
    public void An_include_inside_an_object_nests_the_included_keys_and_fixes_up_substitutions()
    {
        _dir.Write("foo.conf", "{ x : 10, y : ${x} }");
        _dir.Write("main.conf", "a : { include \"foo.conf\" }\na : { x : 42 }");
        var c = ReadFile("main.conf");
        Assert.Equal(42, c.GetInt("a.x"));
        Assert.Equal(42, c.GetInt("a.y"));
    }

    [Fact]
    public void A_substitution_in_an_included_file_falls_back_to_the_root()
    {
        _dir.Write("foo.conf", "y : ${top}");
        _dir.Write("main.conf", "top = 7\na { include \"foo.conf\" }");
        Assert.Equal(7, ReadFile("main.conf").GetInt("a.y"));
    }

    [Fact]
    public void A_name_without_extension_loads_json_then_conf()
    {
        _dir.Write("both.json", """{ "a": 1, "b": 1 }""");
        _dir.Write("both.conf", "b = 2");
        _dir.Write("main.conf", "include \"both\"");
        var c = ReadFile("main.conf");
        Assert.Equal(1, c.GetInt("a"));
        Assert.Equal(2, c.GetInt("b"));
    }

    [Fact]
    public void Errors_in_an_included_file_name_that_file()
    {
        _dir.Write("bad.conf", "a = 1\nb = [1,,2]");
        _dir.Write("main.conf", "include \"bad.conf\"");
        var e = Assert.Throws<ConfigErrorException>(() => ReadFile("main.conf"));
        Assert.EndsWith("bad.conf", e.File);
        Assert.Equal((2, 8), (e.Line, e.Column));
    }

    [Fact]
    public void An_include_cycle_is_an_error()
    {
        _dir.Write("a.conf", "include \"b.conf\"");
        _dir.Write("b.conf", "include \"a.conf\"");
        var e = Assert.Throws<ConfigErrorException>(() => ReadFile("a.conf"));
        Assert.Contains("include cycle", e.Message);
    }

    [Fact]
    public void An_included_file_must_hold_an_object()
    {
        _dir.Write("list.json", "[1, 2]");
        _dir.Write("main.conf", "include \"list.json\"");
        Assert.Contains("must be an object", Assert.Throws<ConfigErrorException>(() => ReadFile("main.conf")).Message);
    }

    [Fact]
    public void Include_must_be_followed_by_a_quoted_name()
    {
        _dir.Write("main.conf", "include other.conf");
        Assert.Contains("quoted file name", Assert.Throws<ConfigErrorException>(() => ReadFile("main.conf")).Message);
    }

    [Fact]
    public void Url_includes_are_refused_with_a_clear_message()
    {
        _dir.Write("main.conf", "include url(\"http://example.com/x.conf\")");
        Assert.Contains("only files can be included", Assert.Throws<ConfigErrorException>(() => ReadFile("main.conf")).Message);
    }
}
