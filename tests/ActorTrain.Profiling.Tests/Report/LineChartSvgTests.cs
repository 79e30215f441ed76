using System.Text;
using System.Text.RegularExpressions;
using ActorTrain.Profiling.Report;

namespace ActorTrain.Profiling.Tests.Report;

public sealed class LineChartSvgTests
{
    [Fact]
    public void Long_series_are_averaged_into_at_most_a_thousand_points()
    {
        var points = Enumerable.Range(0, 10_000).Select(i => ((double)i, (double)(i % 10))).ToArray();

        var reduced = LineChartSvg.Downsample(points);

        Assert.Equal(LineChartSvg.MaxPoints, reduced.Length);
        Assert.All(reduced, p => Assert.Equal(4.5, p.Y, 1e-12));
        Assert.Equal(4.5, reduced[0].X, 1e-12);
    }

    [Fact]
    public void Non_finite_values_are_left_out_of_the_curve()
    {
        var html = new StringBuilder();

        LineChartSvg.Render(html, "Loss", "step", "loss", [(0, 1.0), (1, double.NaN), (2, 0.5)], []);

        string points = Regex.Match(html.ToString(), "<polyline class=\"series\" points=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(2, points.Trim().Split(' ').Length);
        Assert.DoesNotContain("NaN", html.ToString());
    }

    [Fact]
    public void An_empty_series_says_so_instead_of_drawing()
    {
        var html = new StringBuilder();

        LineChartSvg.Render(html, "Test accuracy", "step", "accuracy", [], []);

        Assert.Equal("<p class=\"note\">No test accuracy recorded.</p>\n", html.ToString());
    }
}
