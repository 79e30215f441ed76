namespace ActorTrain.Profiling.Report;

/// <summary>A labelled vertical line on a chart (a mode switch, a failure), at an x in the chart's own units.</summary>
internal readonly record struct ChartMarker(double X, string Label);
