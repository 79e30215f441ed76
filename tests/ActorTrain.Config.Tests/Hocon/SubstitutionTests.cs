using ActorTrain.Config.Hocon;
using static ActorTrain.Config.Tests.Hocon.HoconText;

namespace ActorTrain.Config.Tests.Hocon;

/// <summary>The spec's "Substitutions", "Self-Referential Substitutions" and "The += field separator" sections.</summary>
public sealed class SubstitutionTests
{
    [Fact]
    public void A_substitution_takes_the_value_and_type_at_its_path()
    {
        var c = Read("a { b = 3, c = [1] }\nx = ${a.b}\ny = ${a.c}\nz = ${a}");
        Assert.Equal(3, c.GetInt("x"));
        Assert.Equal(HoconValueType.Number, c.GetValue("x").Type);
        Assert.Single(c.GetList("y"));
        Assert.Equal(3, c.GetInt("z.b"));
    }

    [Fact]
    public void A_substitution_looks_forward_to_the_final_value()
    {
        Assert.Equal(2, Read("x = ${a}\na = 1\na = 2").GetInt("x"));
    }

    [Fact]
    public void Substitutions_concatenate_with_text_but_not_inside_quotes()
    {
        var c = Read("""
            animal.favorite = cat
            key : ${animal.favorite} is my favorite animal
            other : ${animal.favorite}" is my favorite animal"
            quoted : "${animal.favorite}"
            """);
        Assert.Equal("cat is my favorite animal", c.GetString("key"));
        Assert.Equal("cat is my favorite animal", c.GetString("other"));
        Assert.Equal("${animal.favorite}", c.GetString("quoted"));
    }

    [Fact]
    public void A_missing_required_substitution_is_an_error_naming_it()
    {
        var e = Error("a = 1\nb = ${nope.nothing}");
        Assert.Contains("${nope.nothing}", e.Message);
        Assert.Equal((2, 5), (e.Line, e.Column));
    }

    [Fact]
    public void A_missing_optional_substitution_leaves_the_field_undefined()
    {
        Assert.Equal("{}", Json("foo : ${?bar}"));
        Assert.Equal("{}", Json("foo : ${?bar}${?baz}"));
        Assert.Equal("""{"a":1}""", Json("a = 1\na = ${?nothing}"));
    }

    [Fact]
    public void A_missing_optional_array_element_is_left_out()
    {
        Assert.Equal("""{"a":[1,2]}""", Json("a = [1, ${?nothing}, 2]"));
    }

    [Fact]
    public void A_missing_optional_substitution_is_empty_in_a_concatenation()
    {
        Assert.Equal("""{"a":"foo","b":[1]}""", Json("a = ${?x}foo\nb = ${?y} [1]"));
    }

    [Fact]
    public void Undefined_substitutions_fall_back_to_environment_variables()
    {
        var name = "ACTORTRAIN_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            Assert.Equal("from-env", Read($"a = ${{{name}}}").GetString("a"));
            Assert.Equal("from-env", Read($"a = ${{?{name}}}").GetString("a"));
            Assert.Equal("config", Read($"{name} = config\na = ${{{name}}}").GetString("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void A_null_in_the_configuration_blocks_the_environment_fallback()
    {
        var name = "ACTORTRAIN_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            Assert.Equal(HoconValueType.Null, Read($"{name} = null\na = ${{{name}}}").GetValue("a").Type);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Objects_may_refer_to_paths_within_themselves()
    {
        Assert.Equal(42, Read("bar : { foo : 42,\n baz : ${bar.foo}\n }").GetInt("bar.baz"));
        Assert.Equal(43, Read("bar : { foo : 42,\n baz : ${bar.foo}\n }\nbar : { foo : 43 }").GetInt("bar.baz"));
    }

    [Fact]
    public void Mutually_referring_objects_look_forward()
    {
        var c = Read("""
            bar : { a : ${foo.d}, b : 1 }
            bar.b = 3
            foo : { c : ${bar.b}, d : 2 }
            foo.d = 4
            """);
        Assert.Equal(4, c.GetInt("bar.a"));
        Assert.Equal(3, c.GetInt("foo.c"));
    }

    [Fact]
    public void A_self_reference_builds_on_the_earlier_value()
    {
        Assert.Equal("a:b:c:d", Read("path : \"a:b:c\"\npath : ${path}\":d\"").GetString("path"));
        Assert.Equal(["/bin", "/usr/bin"], Read("path = [ /bin ]\npath = ${path} [ /usr/bin ]").GetStringList("path"));
        Assert.Equal("""{"foo":{"a":1}}""", Json("foo : { a : 1 }\nfoo : ${foo}"));
    }

    [Fact]
    public void A_self_reference_inside_a_path_resolves_to_the_value_below()
    {
        Assert.Equal("""{"foo":{"a":2,"c":1}}""", Json("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }"));
    }

    [Fact]
    public void An_object_below_a_self_reference_may_refer_inside_itself()
    {
        Assert.Equal("""{"a":{"x":1,"y":1,"z":2}}""", Json("a = { x = 1, y = ${a.x} }\na = ${a} { z = 2 }"));
    }

    [Fact]
    public void An_optional_self_reference_with_nothing_below_is_undefined()
    {
        Assert.Equal("""{"a":"foo"}""", Json("a = ${?a}foo"));
        Assert.Equal("{}", Json("foo : ${?foo}"));
    }

    [Fact]
    public void A_required_self_reference_with_nothing_below_is_an_error()
    {
        var e = Error("foo : ${foo}");
        Assert.Contains("refers to the key it defines", e.Message);
    }

    [Fact]
    public void A_value_hidden_by_a_later_non_object_is_never_evaluated()
    {
        Assert.Equal(42, Read("foo : ${does-not-exist}\nfoo : 42").GetInt("foo"));
        Assert.Equal(42, Read("foo : ${foo}, foo : 42").GetInt("foo"));
    }

    [Fact]
    public void Plus_equals_appends_to_an_array_and_may_come_first()
    {
        Assert.Equal([1, 2], Read("a = [1]\na += 2").GetList("a").Select(v => ((HoconScalar)v).Text).Select(int.Parse));
        Assert.Equal("""{"b":["x"]}""", Json("b += x"));
        Assert.Equal("""{"o":{"b":[1,2]}}""", Json("o { b += 1 }\no { b += 2 }"));
    }

    [Fact]
    public void Plus_equals_onto_a_non_array_is_an_error()
    {
        Error("a = 1\na += 2");
    }

    [Fact]
    public void A_two_step_cycle_is_reported_with_its_chain()
    {
        var e = Error("bar : ${foo}\nfoo : ${bar}");
        Assert.Contains("cycle", e.Message);
        Assert.Contains("${foo}", e.Message);
        Assert.Contains("${bar}", e.Message);
    }

    [Fact]
    public void A_three_step_cycle_is_reported_not_overflowing_the_stack()
    {
        var e = Error("a : ${b}\nb : ${c}\nc : ${a}");
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void An_object_containing_a_reference_to_itself_is_an_unbreakable_cycle()
    {
        Assert.Contains("cycle", Error("a : { b : ${a} }").Message);
        Assert.Contains("cycle", Error("a : [${a}]").Message);
    }

    [Fact]
    public void A_cycle_reached_by_an_optional_substitution_counts_as_missing()
    {
        Assert.Equal("""{"a":{}}""", Json("a : { b : ${?a} }"));
    }

    [Fact]
    public void Fields_that_refer_to_each_other_over_earlier_values_agree()
    {
        var c = Read("a : 1\nb : 2\na : ${b}\nb : ${a}");
        Assert.Equal(c.GetInt("a"), c.GetInt("b"));
    }

    [Fact]
    public void A_long_chain_of_substitutions_resolves()
    {
        var text = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk300 = end";
        Assert.Equal("end", Read(text).GetString("k0"));
    }
}
