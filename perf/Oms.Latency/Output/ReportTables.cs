using Oms.Latency.Results;
using Oms.Latency.Support;

namespace Oms.Latency.Output;

/// <summary>A table for people, rendered on the terminal (Spectre.Console) and in the Markdown report alike.</summary>
public sealed record TextTable(string Title, string[] Headers, List<string[]> Rows);

/// <summary>Builds the result's tables once, for both renderers.</summary>
public static class ReportTables
{
    /// <summary>Every table, in report order.</summary>
    public static List<TextTable> All(HarnessResult r)
    {
        var tables = new List<TextTable> { Noise(r), CrossCpu(r), Throughput(r) };
        tables.AddRange(r.WorkingSets.Select(ws => Latency(ws, r.RingOnly)));
        tables.Add(RingOnly(r));
        tables.Add(Saturation(r));
        tables.Add(Targets(r));
        tables.Add(Gc(r));
        return tables;
    }

    private static TextTable Noise(HarnessResult r) => new(
        "Machine noise (gaps between consecutive clock reads of a pinned spinning thread; the tails below cannot beat these)",
        ["CPU", "pinned", "p50", "p99", "p99.9", "p99.99", "max", "gaps > 10 µs", "gaps > 1 ms"],
        [.. r.Noise.Select(n => new[]
        {
            n.Cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Pinned ? "yes" : "no", Format.Ns(n.Gaps.P50), Format.Ns(n.Gaps.P99),
            Format.Ns(n.Gaps.P999), Format.Ns(n.Gaps.P9999), Format.Ns(n.Gaps.Max), Format.Count(n.Over10Us), Format.Count(n.Over1Ms),
        })]);

    private static TextTable CrossCpu(HarnessResult r) => new(
        "Cross-CPU round trips (one cache line written in turn by a pinned thread on each CPU; each crossing of the end-to-end path moves at least one such line, usually two or three in a row)",
        ["CPUs", "pinned", "p50", "p90", "p99", "p99.9", "max", "round trips"],
        [.. r.CrossCpu.Select(c => new[]
        {
            $"{c.FromCpu} ↔ {c.ToCpu}", c.Pinned ? "yes" : "no", Format.Ns(c.RoundTrip.P50), Format.Ns(c.RoundTrip.P90), Format.Ns(c.RoundTrip.P99),
            Format.Ns(c.RoundTrip.P999), Format.Ns(c.RoundTrip.Max), Format.Count(c.RoundTrip.Count) + (c.CutShort ? " (cut short)" : ""),
        })]);

    private static TextTable Throughput(HarnessResult r)
    {
        var rows = new List<string[]>();
        foreach (ApplyThroughputResult t in r.WorkingSets.Select(w => w.Throughput).OfType<ApplyThroughputResult>())
        {
            rows.Add(SeriesRow($"engine apply, {Format.Count(t.LiveOrders)} live", t.Engine, $"{Format.Ratio(t.Ratio)} reference; {Format.Rate(t.EngineReportsPerSecond)} reports"));
            rows.Add(SeriesRow($"reference apply, {Format.Count(t.LiveOrders)} live", t.Reference, "baseline"));
        }

        if (r.RingVsChannels is { } rc)
        {
            rows.Add(SeriesRow("ring, 1 producer → consumer thread (single-producer mode)", rc.Ring,
                $"{Format.Ratio(rc.Ratio)} channels{(rc.Displaced ? " (displaced)" : "")}{RoundTrips(rc)}"));
            rows.Add(SeriesRow("ring, same, multi-producer mode (CAS claim)", rc.RingMulti, $"{Format.Ratio(rc.RatioMulti)} channels"));
            rows.Add(SeriesRow("bounded Channel, same", rc.Channels, "baseline"));
            if (rc.SetAside is { } first)
            {
                // Measured on a displaced placement, then again: listed, in no figure.
                rows.Add(SeriesRow("set aside (displaced, measured again): ring", first.Ring, $"{Format.Ratio(first.Ratio)} channels{RoundTrips(first)}"));
                rows.Add(SeriesRow("set aside (displaced, measured again): bounded Channel", first.Channels, "not counted"));
            }
        }

        return new TextTable("Throughput (same stream, same process; median of the measured runs)",
            ["what", "messages/s", "runs (min–max)", "GCs / allocated", "ratio"], rows);
    }

    // The cross-CPU round trips around the comparison's rounds ("" when not probed).
    private static string RoundTrips(RingThroughputResult rc) =>
        rc.Rounds.All(x => x.Before == 0 && x.After == 0) ? ""
        : $"; round trips {string.Join(", ", rc.Rounds.Select(x => $"{Format.Ns(x.Before)} → {Format.Ns(x.After)}"))}";

    private static string[] SeriesRow(string what, ThroughputSeries s, string ratio) =>
    [
        what, Format.Rate(s.Median), $"{s.Rates.Count} ({Format.Rate(s.Min)}–{Format.Rate(s.Max)})",
        $"{s.Gc.Sum(g => g.Collections)} / {Format.Bytes(s.Gc.Sum(g => g.AllocatedBytes))}", ratio,
    ];

    private static readonly string[] s_latencyHeaders =
        ["rate", "stage", "p50", "p90", "p99", "p99.9", "p99.99", "max", "p99 over runs", "sustained", "GCs / bytes", "cross-CPU round trip p50 before → after each run"];

    private static TextTable Latency(WorkingSetResult ws, IReadOnlyList<RateResult> ringOnly)
    {
        var rows = new List<string[]>();
        foreach (RateResult rate in ws.Latency)
        {
            foreach (Stage stage in new[] { Stage.EndToEnd, Stage.Applied, Stage.EndToEndFromStamp, Stage.ToVenue })
            {
                rows.Add(LatencyRow(rate, stage, StageLabel(stage)));
            }

            if (ringOnly.FirstOrDefault(x => x.Rate == rate.Rate) is { } ring)
            {
                long[] adds = [.. rate.Medians(Stage.Applied).Zip(ring.Medians(Stage.Applied), (a, b) => a - b)];
                string label = rate.Sustained && ring.Sustained ? "engine adds (applied − ring only)"
                    : "engine adds (applied − ring only; a side not sustained: read with care)";
                rows.Add([Format.Rate(rate.Rate), label, .. adds.Select(SignedNs), "", "", "", ""]);
            }
        }

        return new TextTable($"Latency, {Format.Count(ws.LiveOrders)} live orders (median of {ws.Latency.FirstOrDefault()?.Runs.Count ?? 0} runs per percentile)",
            s_latencyHeaders, rows);
    }

    private static TextTable RingOnly(HarnessResult r) => new(
        "Ring alone (same producer, a pinned consumer that only drains): stamp or schedule → received",
        s_latencyHeaders,
        [.. r.RingOnly.Select(rate => LatencyRow(rate, Stage.Applied, "schedule → received"))]);

    private static string[] LatencyRow(RateResult rate, Stage stage, string label)
    {
        long[] medians = rate.Medians(stage);
        Spread p99 = rate.Spreads(stage)[2];
        long gcs = rate.Runs.Sum(w => (long)w.Gc.Collections), bytes = rate.Runs.Sum(w => w.Gc.AllocatedBytes);
        return [Format.Rate(rate.Rate), label, .. medians.Select(Format.Ns), Format.Range(p99.Min, p99.Max),
            rate.Sustained ? "yes" : "NO", $"{gcs} / {Format.Bytes(bytes)}", RoundTrips(rate)];
    }

    private static string RoundTrips(RateResult rate) =>
        rate.Runs.All(w => w.CrossCpuRoundTripP50 == 0) ? "not measured"
            : string.Join(", ", rate.Runs.Select(RoundTrip)) + Repeats(rate.Repeated);

    /// <summary>A window's round trips before and after it, flagged when its placement was displaced and it was kept.</summary>
    internal static string RoundTrip(WindowResult w) =>
        (w.CrossCpuRoundTripP50 == 0 ? "–" : $"{Format.Ns(w.CrossCpuRoundTripP50)} → {Format.Ns(w.CrossCpuRoundTripP50After)}")
        + (w.Displaced ? " (displaced)" : "");

    /// <summary>How many windows were measured again, with their round trips; empty when none.</summary>
    internal static string Repeats(IReadOnlyCollection<WindowResult> repeated) => repeated.Count == 0 ? ""
        : $"; {repeated.Count} measured again (placement displaced: {string.Join(", ", repeated.Select(RoundTrip))})";

    /// <summary>The people's name of a stage.</summary>
    public static string StageLabel(Stage stage) => stage switch
    {
        Stage.EndToEnd => "schedule → callback (CO corrected)",
        Stage.Applied => "schedule → applied (CO corrected)",
        Stage.EndToEndFromStamp => "stamp → callback (not corrected)",
        Stage.ToVenue => "schedule → venue command read (CO corrected; commands only)",
        _ => "stamp → applied (not corrected)",
    };

    private static string SignedNs(long ns) => ns < 0 ? $"−{Format.Ns(-ns)}" : Format.Ns(ns);

    private static TextTable Saturation(HarnessResult r)
    {
        var rows = new List<string[]>();
        foreach (SaturationResult s in r.WorkingSets.Select(w => w.Saturation).OfType<SaturationResult>())
        {
            foreach (WindowResult w in s.Tries.Prepend(s.Unthrottled).OfType<WindowResult>())
            {
                Percentiles p = Percentiles.From(w.EndToEnd ?? w.Applied);
                rows.Add([Format.Count(s.LiveOrders), w.OfferedRate == 0 ? "unthrottled" : Format.Rate(w.OfferedRate), Format.Rate(w.AchievedRate),
                    w.OfferedRate == 0 ? "ceiling" : w.Sustained ? "yes" : "no", Format.Count(w.Trace.MaxBacklog), Format.Count(w.Trace.FinalBacklog),
                    Format.Ns(w.Trace.FinalLag),
                    Format.Ns(p.P50), Format.Ns(p.P99), w.CrossCpuRoundTripP50 == 0 ? "not measured" : RoundTrip(w)]);
            }

            rows.Add([Format.Count(s.LiveOrders), "max sustained", s.MaxSustained > 0 ? Format.Rate(s.MaxSustained) : "below 50% of the ceiling", "", "", "", "", "", "",
                Repeats(s.Repeated).TrimStart(';', ' ')]);
        }

        return new TextTable("Saturation (whole loop: producer → ring → engine → outputs drained)",
            ["live orders", "offered", "achieved", "sustained", "max backlog", "final backlog", "final lag", "e2e p50", "e2e p99", "cross-CPU round trip p50 before → after"], rows);
    }

    private static TextTable Gc(HarnessResult r)
    {
        (string Name, GcDelta Gc)[] windows = [.. r.ZeroGcWindows()];
        int bad = windows.Count(w => !w.Gc.IsZero);
        return new TextTable("GC in measured windows held to zero (engine and ring; the baselines' figures are in the throughput table)",
            ["windows", "GCs", "bytes allocated (process)", "bytes allocated (hot threads)", "windows not zero", "page faults (hot threads)"],
            [[windows.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), windows.Sum(w => (long)w.Gc.Collections).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Format.Bytes(windows.Sum(w => w.Gc.AllocatedBytes)), Format.Bytes(windows.Sum(w => Math.Max(0, w.Gc.WorkerAllocatedBytes))),
                bad.ToString(System.Globalization.CultureInfo.InvariantCulture), PageFaultsText(windows.Select(w => w.Gc))]]);
    }

    /// <summary>The hot threads' page faults over some windows, for people ("not counted" off Linux).</summary>
    internal static string PageFaultsText(IEnumerable<GcDelta> windows)
    {
        long faults = HarnessResult.PageFaults(windows);
        return faults < 0 ? "not counted" : Format.Count(faults);
    }

    private static TextTable Targets(HarnessResult r) =>
        new("Targets (informational; never enforced)", ["target", "measured", "met"], [.. TargetCheck.All(r).Select(t => new[] { t.Target, t.Measured, t.Met })]);
}
