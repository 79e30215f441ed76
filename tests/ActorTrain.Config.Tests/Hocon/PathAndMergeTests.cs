using static ActorTrain.Config.Tests.Hocon.HoconText;

namespace ActorTrain.Config.Tests.Hocon;

/// <summary>The spec's "Duplicate keys and object merging", "Path expressions" and "Paths as keys" sections.</summary>
public sealed class PathAndMergeTests
{
    [Fact]
    public void Repeated_object_keys_merge()
    {
        Assert.Equal(Json("""{ "foo" : { "a" : 42, "b" : 43 } }"""), Json("""{ "foo" : { "a" : 42 }, "foo" : { "b" : 43 } }"""));
    }

    [Fact]
    public void A_non_object_in_between_prevents_the_merge()
    {
        Assert.Equal(Json("""{ "foo" : { "b" : 43 } }"""), Json("""{ "foo" : { "a" : 42 }, "foo" : null, "foo" : { "b" : 43 } }"""));
    }

    [Fact]
    public void A_later_value_overrides_an_earlier_one()
    {
        Assert.Equal(2, Read("a = 1\na = 2").GetInt("a"));
    }

    [Fact]
    public void Dotted_keys_expand_into_nested_objects()
    {
        Assert.Equal(Json("foo { bar { baz : 42 } }"), Json("foo.bar.baz : 42"));
        Assert.Equal(Json("a { x : 42, y : 43 }"), Json("a.x : 42, a.y : 43"));
    }

    [Fact]
    public void Quoted_dots_do_not_split_a_path()
    {
        var c = Read("""foo.bar."hello.world" = 1""");
        Assert.Equal(1, c.GetInt("""foo.bar."hello.world" """.Trim()));
        Assert.Equal("""{"foo":{"bar":{"hello.world":1}}}""", Json("""foo.bar."hello.world" = 1"""));
    }

    [Fact]
    public void Dots_inside_numbers_split_a_path_but_quoted_numbers_do_not()
    {
        Assert.Equal("""{"10":{"0foo":1}}""", Json("10.0foo = 1"));
        Assert.Equal("""{"foo10":{"0":1}}""", Json("foo10.0 = 1"));
        Assert.Equal("""{"foo10.0":1}""", Json("foo\"10.0\" = 1"));
        Assert.Equal("""{"1":{"2":{"3":1}}}""", Json("1.2.3 = 1"));
    }

    [Fact]
    public void Keys_are_always_strings_and_may_hold_whitespace()
    {
        Assert.Equal("""{"true":42,"3":42,"a b c":42}""", Json("true : 42\n3 : 42\na b c : 42"));
        Assert.Equal(Json("""{ "3" : { "14" : 42 } }"""), Json("3.14 : 42"));
    }

    [Fact]
    public void An_empty_path_element_must_be_quoted()
    {
        Assert.Equal("""{"a":{"":{"b":1}}}""", Json("a.\"\".b = 1"));
        Error("a..b = 1");
        Error(".a = 1");
        Error("a. = 1");
    }

    [Fact]
    public void Include_later_in_a_key_is_an_ordinary_word()
    {
        Assert.Equal("""{"foo include":42,"a":"include","b":["include"],"include":1}""",
            Json("foo include : 42\na : include\nb = [ include ]\n\"include\" : 1"));
    }
}
