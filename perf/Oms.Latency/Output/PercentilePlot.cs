using HdrHistogram;
using HdrHistogram.Iteration;
using Oms.Latency.Results;
using ScottPlot;

namespace Oms.Latency.Output;

/// <summary>
/// The percentile plot of one working set, as HdrHistogram's plotter draws it: x is 1/(1−p) on a log scale
/// (labelled 50%, 90%, 99%, 99.9%…), y is latency on a log scale. One solid line per offered rate (end to end,
/// coordinated omission corrected) and a dashed line of the same colour for the ring alone at that rate.
/// </summary>
public static class PercentilePlot
{
    private static readonly string[] s_percentLabels = ["0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%", "99.99999%"];

    /// <summary>Writes the PNG; returns its path.</summary>
    public static string Write(WorkingSetResult ws, IReadOnlyList<RateResult> ringOnly, string directory)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double maxX = 1, minY = double.MaxValue, maxY = 0;
        for (int i = 0; i < ws.Latency.Count; i++)
        {
            RateResult rate = ws.Latency[i];
            Color color = palette.GetColor(i);
            maxX = Math.Max(maxX, AddLine(plot, rate.Total(Stage.EndToEnd), $"{Format.Rate(rate.Rate)} end to end", color, dashed: false, ref minY, ref maxY));
            if (ringOnly.FirstOrDefault(r => r.Rate == rate.Rate) is { } ring)
            {
                AddLine(plot, ring.Total(Stage.Applied), $"{Format.Rate(rate.Rate)} ring only", color, dashed: true, ref minY, ref maxY);
            }
        }

        int decades = Math.Min((int)Math.Ceiling(maxX), s_percentLabels.Length - 1);
        double[] positions = [0, Math.Log10(2), .. Enumerable.Range(1, decades).Select(d => (double)d)];
        string[] labels = ["0%", "50%", .. Enumerable.Range(1, decades).Select(d => s_percentLabels[d])];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        int low = (int)Math.Floor(minY == double.MaxValue ? 1 : minY), high = (int)Math.Ceiling(Math.Max(maxY, low + 1));
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(low, high - low + 1).Select(d => (double)d)],
            [.. Enumerable.Range(low, high - low + 1).Select(d => Format.Ns((long)Math.Pow(10, d)))]);
        plot.Axes.SetLimits(0, decades, low, high);
        plot.XLabel("percentile (x = 1/(1−p), log scale)");
        plot.YLabel("latency (log scale)");
        plot.Title($"Oms latency, {Format.Count(ws.LiveOrders)} live orders");
        // Lower right: tails rise to the right, so that corner is the one the curves leave empty.
        plot.ShowLegend(Alignment.LowerRight);
        string path = Path.Combine(directory, $"latency-ws{ws.LiveOrders}.png");
        plot.SavePng(path, 1200, 700);
        return path;
    }

    /// <summary>Adds one histogram's percentile curve; returns the largest log10(1/(1−p)) plotted.</summary>
    private static double AddLine(Plot plot, LongHistogram h, string label, Color color, bool dashed, ref double minY, ref double maxY)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (HistogramIterationValue v in h.Percentiles(5))
        {
            if (v.Percentile >= 100.0)
            {
                break;
            }

            xs.Add(Math.Log10(100.0 / (100.0 - v.Percentile)));
            ys.Add(Math.Log10(Math.Max(1, v.ValueIteratedTo)));
        }

        if (xs.Count == 0)
        {
            return 0;
        }

        var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray());
        line.LegendText = label;
        line.Color = color;
        line.LineWidth = 2;
        line.LinePattern = dashed ? LinePattern.Dashed : LinePattern.Solid;
        minY = Math.Min(minY, ys.Min());
        maxY = Math.Max(maxY, ys.Max());
        return xs.Max();
    }
}
