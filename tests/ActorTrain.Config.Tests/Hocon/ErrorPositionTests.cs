using static ActorTrain.Config.Tests.Hocon.HoconText;

namespace ActorTrain.Config.Tests.Hocon;

/// <summary>Every syntax error names the file, line and column, and says what was expected.</summary>
public sealed class ErrorPositionTests
{
    [Theory]
    [InlineData("a = 1\nb = [1, 2", 2, 10, "expected ']' to close the array opened at line 2, column 5")]
    [InlineData("a {\n  b = 1\n", 3, 1, "expected '}' to close the object opened at line 1, column 3")]
    [InlineData("a = 1\n}", 2, 1, "unbalanced '}'")]
    [InlineData("a = \"open\nb = 1", 1, 5, "a quoted string cannot span lines")]
    [InlineData("a = \"\"\"never closed", 1, 5, "unterminated multi-line string")]
    [InlineData("a = \"bad \\q escape\"", 1, 10, "invalid escape '\\q'")]
    [InlineData("a = b:c", 1, 6, "expected ',', a newline or '}' after the value of `a`, found ':'")]
    [InlineData("  key value", 1, 12, "expected ':', '=' or '{' after the key `\"key value\"`")]
    [InlineData("a =\n1", 1, 4, "expected a value after '=', found the end of the line")]
    [InlineData("a = 1 @ 2", 1, 7, "'@' is not allowed in an unquoted string")]
    [InlineData("a = $x", 1, 5, "'$' must start a substitution")]
    [InlineData("a = ${b", 1, 5, "expected '}' to close the substitution")]
    [InlineData("a = ${}", 1, 5, "empty substitution")]
    [InlineData("${a} = 1", 1, 1, "substitutions are not allowed in keys")]
    [InlineData("a + 1", 1, 3, "'+' may appear outside quotes only as '+='")]
    [InlineData("[1, 2]", 1, 1, "the root of a configuration must be an object")]
    [InlineData("{ a = 1 } b = 2", 1, 11, "expected the end of the file")]
    public void Syntax_errors_point_at_the_offending_token(string text, int line, int column, string message)
    {
        var e = Error(text);
        Assert.Equal("test.conf", e.File);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(message, e.Message);
        Assert.StartsWith($"test.conf:{line}:{column}: ", e.Message);
    }

    [Fact]
    public void Resolution_errors_point_at_the_substitution()
    {
        var e = Error("a = 1\n\n  b = x ${missing}");
        Assert.Equal((3, 9), (e.Line, e.Column));
    }
}
