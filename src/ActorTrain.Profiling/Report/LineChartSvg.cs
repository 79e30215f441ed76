using System.Text;

namespace ActorTrain.Profiling.Report;

/// <summary>
/// Draws one series as an inline SVG line chart with axes, round ticks and vertical markers.
/// Long runs have tens of thousands of steps; the series is averaged into at most
/// <see cref="MaxPoints"/> buckets so the file stays small and the curve stays readable.
/// </summary>
internal static class LineChartSvg
{
    public const int MaxPoints = 1000;

    private const double Width = 900;
    private const double Height = 260;
    private const double Left = 60;
    private const double Right = 20;
    private const double Top = 20;
    private const double Bottom = 40;

    public static void Render(StringBuilder html, string title, string xLabel, string yLabel, IReadOnlyList<(double X, double Y)> points, IReadOnlyList<ChartMarker> markers)
    {
        var series = Downsample(points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToArray());
        if (series.Length == 0)
        {
            html.Append("<p class=\"note\">No ").Append(Html.Escape(title.ToLowerInvariant())).Append(" recorded.</p>\n");
            return;
        }

        var xs = series.Select(p => p.X).Concat(markers.Select(m => m.X).Where(double.IsFinite)).ToArray();
        var (xMin, xMax, xTicks) = AxisTicks.Nice(xs.Min(), xs.Max());
        var (yMin, yMax, yTicks) = AxisTicks.Nice(series.Min(p => p.Y), series.Max(p => p.Y));
        double plotWidth = Width - Left - Right;
        double plotHeight = Height - Top - Bottom;
        double X(double x) => Left + (x - xMin) / (xMax - xMin) * plotWidth;
        double Y(double y) => Top + (1 - (y - yMin) / (yMax - yMin)) * plotHeight;

        html.Append("<svg class=\"chart\" viewBox=\"0 0 ").Append(Html.Coordinate(Width)).Append(' ').Append(Html.Coordinate(Height))
            .Append("\" role=\"img\" aria-label=\"").Append(Html.Escape(title)).Append("\">\n");
        foreach (double tick in yTicks)
        {
            html.Append($"<line class=\"grid\" x1=\"{Html.Coordinate(Left)}\" x2=\"{Html.Coordinate(Width - Right)}\" y1=\"{Html.Coordinate(Y(tick))}\" y2=\"{Html.Coordinate(Y(tick))}\"/>")
                .Append($"<text class=\"tick\" x=\"{Html.Coordinate(Left - 6)}\" y=\"{Html.Coordinate(Y(tick) + 4)}\" text-anchor=\"end\">{Html.Number(tick, "0.####")}</text>\n");
        }

        foreach (double tick in xTicks)
        {
            html.Append($"<text class=\"tick\" x=\"{Html.Coordinate(X(tick))}\" y=\"{Html.Coordinate(Height - Bottom + 16)}\" text-anchor=\"middle\">{Html.Number(tick, "0.####")}</text>\n");
        }

        html.Append($"<line class=\"axis\" x1=\"{Html.Coordinate(Left)}\" x2=\"{Html.Coordinate(Left)}\" y1=\"{Html.Coordinate(Top)}\" y2=\"{Html.Coordinate(Height - Bottom)}\"/>")
            .Append($"<line class=\"axis\" x1=\"{Html.Coordinate(Left)}\" x2=\"{Html.Coordinate(Width - Right)}\" y1=\"{Html.Coordinate(Height - Bottom)}\" y2=\"{Html.Coordinate(Height - Bottom)}\"/>\n");
        html.Append($"<text class=\"label\" x=\"{Html.Coordinate(Left + plotWidth / 2)}\" y=\"{Html.Coordinate(Height - 6)}\" text-anchor=\"middle\">{Html.Escape(xLabel)}</text>")
            .Append($"<text class=\"label\" x=\"14\" y=\"{Html.Coordinate(Top + plotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Html.Coordinate(Top + plotHeight / 2)})\">{Html.Escape(yLabel)}</text>\n");

        foreach (var marker in markers.Where(m => double.IsFinite(m.X)))
        {
            double x = X(marker.X);
            html.Append($"<line class=\"marker\" x1=\"{Html.Coordinate(x)}\" x2=\"{Html.Coordinate(x)}\" y1=\"{Html.Coordinate(Top)}\" y2=\"{Html.Coordinate(Height - Bottom)}\"><title>{Html.Escape(marker.Label)}</title></line>")
                .Append($"<text class=\"marker-label\" x=\"{Html.Coordinate(x + 3)}\" y=\"{Html.Coordinate(Top + 10)}\">{Html.Escape(marker.Label)}</text>\n");
        }

        html.Append("<polyline class=\"series\" points=\"");
        foreach (var (x, y) in series)
        {
            html.Append(Html.Coordinate(X(x))).Append(',').Append(Html.Coordinate(Y(y))).Append(' ');
        }

        html.Append("\"/>\n");

        // A handful of points (one per evaluation) read better as dots than as a bare line.
        if (series.Length <= 100)
        {
            foreach (var (x, y) in series)
            {
                html.Append($"<circle class=\"point\" cx=\"{Html.Coordinate(X(x))}\" cy=\"{Html.Coordinate(Y(y))}\" r=\"3\"><title>{Html.Number(x, "0.####")}: {Html.Number(y, "0.####")}</title></circle>");
            }

            html.Append('\n');
        }

        html.Append("</svg>\n");
    }

    /// <summary>Averages consecutive points into at most <see cref="MaxPoints"/> buckets of equal count.</summary>
    internal static (double X, double Y)[] Downsample((double X, double Y)[] points)
    {
        if (points.Length <= MaxPoints)
        {
            return points;
        }

        return Enumerable.Range(0, MaxPoints)
            .Select(bucket =>
            {
                int from = (int)((long)bucket * points.Length / MaxPoints);
                int to = (int)((long)(bucket + 1) * points.Length / MaxPoints);
                var slice = points[from..to];
                return (slice.Average(p => p.X), slice.Average(p => p.Y));
            })
            .ToArray();
    }
}
