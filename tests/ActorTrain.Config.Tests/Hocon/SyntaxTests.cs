using ActorTrain.Config.Hocon;
using static ActorTrain.Config.Tests.Hocon.HoconText;

namespace ActorTrain.Config.Tests.Hocon;

/// <summary>The spec's syntax sections, one test per rule, using its examples.</summary>
public sealed class SyntaxTests
{
    [Fact]
    public void Hash_and_double_slash_start_comments_outside_quoted_strings()
    {
        var json = Json("""
            # a comment
            a = 1 // another
            b = "not # a comment"
            c = "not // one either"
            d = a/b//an unquoted string stops at //
            """);
        Assert.Equal("""{"a":1,"b":"not # a comment","c":"not // one either","d":"a/b"}""", json);
    }

    [Fact]
    public void A_file_without_root_braces_reads_as_one_object()
    {
        Assert.Equal(Json("{ a = 1, b = 2 }"), Json("a = 1\nb = 2"));
    }

    [Fact]
    public void An_empty_file_is_an_empty_object()
    {
        Assert.Equal("{}", Json("  \n # nothing\n"));
    }

    [Fact]
    public void Equals_and_colon_separate_keys_and_may_be_omitted_before_a_brace()
    {
        Assert.Equal("""{"a":1,"b":2,"foo":{"x":3}}""", Json("a = 1\nb : 2\nfoo { x = 3 }"));
    }

    [Fact]
    public void Newlines_can_replace_commas_and_one_trailing_comma_is_allowed()
    {
        Assert.Equal(Json("a = [1,2,3]"), Json("a = [1,2,3,]"));
        Assert.Equal(Json("a = [1,2,3]"), Json("a = [1\n2\n3]"));
        Assert.Equal(Json("a = 1, b = 2"), Json("a = 1\nb = 2,"));
    }

    [Theory]
    [InlineData("a = [1,2,3,,]")]
    [InlineData("a = [,1,2,3]")]
    [InlineData("a = [1,,2,3]")]
    [InlineData("{ a = 1,, b = 2 }")]
    [InlineData("{ , a = 1 }")]
    public void Extra_commas_are_errors(string text)
    {
        Error(text);
    }

    [Fact]
    public void Unicode_separators_and_the_byte_order_mark_are_whitespace_but_only_ascii_newline_ends_a_field()
    {
        Assert.Equal("""{"a":"1\u2028b"}""", Json("a = 1\u2028b"));
        Assert.Equal("""{"a":1,"b":2}""", Json("\uFEFFa\u00A0=\u20071\u2028\nb\t=\u202F2\u2029"));
    }

    [Fact]
    public void Quoted_strings_are_json_strings_with_escapes()
    {
        var c = Read("""a = "tab\there \"q\" \u00e9 \\ \/" """);
        Assert.Equal("tab\there \"q\" é \\ /", c.GetString("a"));
    }

    [Fact]
    public void Unquoted_strings_are_read_literally()
    {
        var c = Read("path = /usr/share/datasets\nmode = fashion-mnist");
        Assert.Equal("/usr/share/datasets", c.GetString("path"));
        Assert.Equal("fashion-mnist", c.GetString("mode"));
    }

    [Fact]
    public void A_value_that_starts_with_true_or_a_number_is_a_string_when_more_text_follows()
    {
        var c = Read("a = truefoo\nb = footrue\nc = 10.0bar\nd = bar10.0");
        Assert.Equal(["truefoo", "footrue", "10.0bar", "bar10.0"], new[] { "a", "b", "c", "d" }.Select(c.GetString));
        Assert.Equal(HoconValueType.String, c.GetValue("c").Type);
    }

    [Fact]
    public void Triple_quoted_strings_keep_newlines_and_do_not_interpret_escapes()
    {
        var c = Read("a = \"\"\"line one\n  \"quoted\" \\n\nline three\"\"\"");
        Assert.Equal("line one\n  \"quoted\" \\n\nline three", c.GetString("a"));
    }

    [Fact]
    public void Quotes_beyond_three_at_the_end_of_a_triple_quoted_string_belong_to_it()
    {
        Assert.Equal("foo\"", Read("a = \"\"\"foo\"\"\"\"").GetString("a"));
    }

    [Fact]
    public void Numbers_booleans_and_null_keep_their_types()
    {
        var c = Read("i = 42\nn = -3\nd = 1.5e3\nt = true\nf = false\nz = null");
        Assert.Equal(42, c.GetInt("i"));
        Assert.Equal(-3, c.GetInt("n"));
        Assert.Equal(1500.0, c.GetDouble("d"));
        Assert.Equal(HoconValueType.Number, c.GetValue("d").Type);
        Assert.True(c.GetBool("t"));
        Assert.False(c.GetBool("f"));
        Assert.Equal(HoconValueType.Null, c.GetValue("z").Type);
        Assert.False(c.HasPath("z"));
    }

    [Fact]
    public void Numbers_keep_the_text_they_were_written_with()
    {
        Assert.Equal("1e5", ((HoconScalar)Read("a = 1e5").GetValue("a")).Text);
    }

    [Fact]
    public void Strings_convert_to_numbers_and_on_off_yes_no_to_booleans()
    {
        var c = Read("a = \"8\"\nb = on\nc = no\nd = yes\ne = off");
        Assert.Equal(8, c.GetInt("a"));
        Assert.Equal([true, false, true, false], new[] { "b", "c", "d", "e" }.Select(c.GetBool));
    }

    [Fact]
    public void Null_does_not_convert_to_anything()
    {
        var e = Assert.Throws<ConfigErrorException>(() => Read("a = null").GetString("a"));
        Assert.Contains("expected a string, found null", e.Message);
    }
}
