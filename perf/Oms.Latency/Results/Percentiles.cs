using HdrHistogram;

namespace Oms.Latency.Results;

/// <summary>The reported percentiles of one histogram, in nanoseconds.</summary>
public readonly record struct Percentiles(long P50, long P90, long P99, long P999, long P9999, long Max, long Count)
{
    /// <summary>The percentile names, in order, as the tables and the JSON spell them.</summary>
    public static readonly string[] Names = ["p50", "p90", "p99", "p999", "p9999", "max"];

    /// <summary>The percentile labels for people.</summary>
    public static readonly string[] Labels = ["p50", "p90", "p99", "p99.9", "p99.99", "max"];

    /// <summary>Reads the percentiles of <paramref name="h"/> (all zero when it is empty).</summary>
    public static Percentiles From(HistogramBase h) => h.TotalCount == 0 ? default : new(
        h.GetValueAtPercentile(50), h.GetValueAtPercentile(90), h.GetValueAtPercentile(99),
        h.GetValueAtPercentile(99.9), h.GetValueAtPercentile(99.99), h.GetMaxValue(), h.TotalCount);

    /// <summary>The values in the order of <see cref="Names"/>.</summary>
    public long[] Values() => [P50, P90, P99, P999, P9999, Max];
}

/// <summary>How one percentile varied over a set of runs.</summary>
public readonly record struct Spread(long Min, long Median, long Max)
{
    /// <summary>Min, median and max of <paramref name="values"/>.</summary>
    public static Spread Of(IReadOnlyList<long> values)
    {
        if (values.Count == 0)
        {
            return default;
        }

        long[] sorted = [.. values];
        Array.Sort(sorted);
        return new Spread(sorted[0], sorted[sorted.Length / 2], sorted[^1]);
    }
}

/// <summary>Builds the harness's histograms: nanoseconds from 1 ns to a minute, 3 significant digits.</summary>
public static class Histograms
{
    /// <summary>Largest value kept (larger ones are clamped to it).</summary>
    public const long Highest = 60_000_000_000;

    /// <summary>An empty histogram.</summary>
    public static LongHistogram Create() => new(Highest, 3);

    /// <summary>Records <paramref name="value"/>, clamped into the trackable range.</summary>
    public static void Record(LongHistogram h, long value) => h.RecordValue(Math.Clamp(value, 0, Highest));

    /// <summary>The sum of <paramref name="parts"/>.</summary>
    public static LongHistogram Sum(IEnumerable<LongHistogram> parts)
    {
        LongHistogram total = Create();
        foreach (LongHistogram h in parts)
        {
            total.Add(h);
        }

        return total;
    }
}
