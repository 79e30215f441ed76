using ActorTrain.Config.Hocon;
using static ActorTrain.Config.Tests.Hocon.HoconText;

namespace ActorTrain.Config.Tests.Hocon;

/// <summary>The spec's "Value concatenation" section.</summary>
public sealed class ConcatenationTests
{
    [Fact]
    public void Simple_values_on_one_line_join_into_a_string_keeping_inner_whitespace()
    {
        var c = Read("a =   foo bar  baz   \nb = foo\"bar\" 1 true null");
        Assert.Equal("foo bar  baz", c.GetString("a"));
        Assert.Equal("foobar 1 true null", c.GetString("b"));
    }

    [Fact]
    public void Unquoted_concatenation_equals_the_quoted_string()
    {
        Assert.Equal(Json("a = \"foo bar\""), Json("a = foo bar"));
    }

    [Fact]
    public void A_single_value_is_not_converted_to_a_string()
    {
        Assert.Equal(HoconValueType.Boolean, Read("a = true").GetValue("a").Type);
        Assert.Equal(HoconValueType.String, Read("a = true foo").GetValue("a").Type);
    }

    [Fact]
    public void Arrays_side_by_side_concatenate()
    {
        Assert.Equal(Json("a = [1, 2, 3, 4]"), Json("a = [1, 2] [3, 4]"));
    }

    [Fact]
    public void Objects_side_by_side_merge()
    {
        Assert.Equal(Json("a : { b : 1, c : 2 }"), Json("a : { b : 1 } { c : 2 }"));
        Assert.Equal(Json("a : { b : 1, c : 2 }"), Json("a : { b : 1 }\na : { c : 2 }"));
    }

    [Fact]
    public void Inheritance_by_concatenating_a_substitution_with_an_object()
    {
        var json = Json("""
            data-center-generic = { cluster-size = 6 }
            data-center-east = ${data-center-generic} { name = "east" }
            """);
        Assert.Equal("""{"data-center-generic":{"cluster-size":6},"data-center-east":{"cluster-size":6,"name":"east"}}""", json);
    }

    [Fact]
    public void Whitespace_separates_nothing_inside_arrays_but_newlines_do()
    {
        Assert.Equal("""{"a":["1 2 3 4"]}""", Json("a = [ 1 2 3 4 ]"));
        Assert.Equal("""{"a":[1,2,3,4]}""", Json("a = [ 1\n 2\n 3\n 4 ]"));
        Assert.Equal("""{"a":[[1,2,3,4]]}""", Json("a = [ [ 1, 2 ] [ 3, 4 ] ]"));
        Assert.Equal("""{"a":[[1,2],[3,4]]}""", Json("a = [ [ 1, 2 ]\n [ 3, 4 ] ]"));
    }

    [Fact]
    public void Substitutions_join_strings_in_array_elements()
    {
        var json = Json("""
            name = Ada, world = Earth
            a = [ This is an unquoted string my name is ${name}, Hello ${world} ]
            """);
        Assert.Equal("""{"name":"Ada","world":"Earth","a":["This is an unquoted string my name is Ada","Hello Earth"]}""", json);
    }

    [Fact]
    public void Mixing_an_array_with_a_string_is_an_error()
    {
        var e = Error("a = foo [1]");
        Assert.Contains("cannot concatenate a string with an array", e.Message);
    }

    [Fact]
    public void Mixing_found_only_after_resolution_is_an_error()
    {
        var e = Error("b = [1]\na = ${b} foo");
        Assert.Contains("cannot concatenate", e.Message);
        Assert.Equal(2, e.Line);
    }
}
