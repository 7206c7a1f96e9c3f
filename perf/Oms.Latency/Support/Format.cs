using System.Globalization;

namespace Oms.Latency;

/// <summary>How figures are written for people (tables, progress, Markdown).</summary>
public static class Format
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>A rate: "100k/s", "1M/s", "2.35M/s".</summary>
    public static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => $"{(perSecond / 1e6).ToString("0.##", s_invariant)}M/s",
        >= 1e3 => $"{(perSecond / 1e3).ToString("0.##", s_invariant)}k/s",
        _ => $"{perSecond.ToString("0", s_invariant)}/s",
    };

    /// <summary>A duration in nanoseconds: "412 ns", "1.84 µs", "25.1 ms".</summary>
    public static string Ns(long ns) => ns switch
    {
        >= 1_000_000_000 => $"{(ns / 1e9).ToString("0.##", s_invariant)} s",
        >= 1_000_000 => $"{(ns / 1e6).ToString("0.##", s_invariant)} ms",
        >= 10_000 => $"{(ns / 1e3).ToString("0.#", s_invariant)} µs",
        >= 1_000 => $"{(ns / 1e3).ToString("0.##", s_invariant)} µs",
        _ => $"{ns} ns",
    };

    /// <summary>A spread "min–max".</summary>
    public static string Range(long min, long max) => min == max ? Ns(min) : $"{Ns(min)}–{Ns(max)}";

    /// <summary>A byte count: "0 B", "4.2 KiB", "1.5 GiB".</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{(bytes / (double)(1L << 30)).ToString("0.#", s_invariant)} GiB",
        >= 1L << 20 => $"{(bytes / (double)(1L << 20)).ToString("0.#", s_invariant)} MiB",
        >= 1L << 10 => $"{(bytes / (double)(1L << 10)).ToString("0.#", s_invariant)} KiB",
        _ => $"{bytes} B",
    };

    /// <summary>A ratio "1.93×".</summary>
    public static string Ratio(double r) => $"{r.ToString("0.00", s_invariant)}×";

    /// <summary>A whole number with thousands separators.</summary>
    public static string Count(long n) => n.ToString("N0", s_invariant);

    /// <summary>Parses "100000", "100k", "1M", "2.5m" (case-insensitive suffixes k and m).</summary>
    public static bool TryParseRate(string text, out long value)
    {
        text = text.Trim();
        double scale = 1;
        if (text.EndsWith('k') || text.EndsWith('K'))
        {
            scale = 1e3;
            text = text[..^1];
        }
        else if (text.EndsWith('m') || text.EndsWith('M'))
        {
            scale = 1e6;
            text = text[..^1];
        }

        bool ok = double.TryParse(text, NumberStyles.Float, s_invariant, out double number) && number > 0;
        value = ok ? (long)Math.Round(number * scale) : 0;
        return ok;
    }
}
