using Oms.Latency.Results;

namespace Oms.Latency.Output;

/// <summary>The issue's targets against what this run measured. Informational: the harness never fails on them.</summary>
public static class TargetCheck
{
    /// <summary>One row per target.</summary>
    public static IEnumerable<(string Target, string Measured, string Met)> All(HarnessResult r)
    {
        ApplyThroughputResult? small = r.WorkingSets.Select(w => w.Throughput).OfType<ApplyThroughputResult>().MinBy(t => t.LiveOrders);
        if (small is not null)
        {
            yield return ("engine apply ≥ 30× reference (same stream)", $"{Format.Ratio(small.Ratio)} ({Format.Count(small.LiveOrders)} live)", Met(small.Ratio >= 30));
        }

        foreach (ApplyThroughputResult t in r.WorkingSets.Select(w => w.Throughput).OfType<ApplyThroughputResult>())
        {
            double goal = t.LiveOrders <= 10_000 ? 15e6 : t.LiveOrders >= 1_000_000 ? 4e6 : 0;
            if (goal > 0)
            {
                yield return ($"≥ {Format.Rate(goal)} execution reports, {Format.Count(t.LiveOrders)} live, one engine thread",
                    Format.Rate(t.EngineReportsPerSecond), Met(t.EngineReportsPerSecond >= goal));
            }
        }

        if (r.RingVsChannels is { } rc)
        {
            string how = rc.Displaced ? " (on a displaced placement)" : rc.SetAside is not null ? " (measured again: the first ran displaced)" : "";
            yield return ("ring ≥ 4.5× Channels, 1 producer → engine thread", Format.Ratio(rc.Ratio) + how, Met(rc.Ratio >= 4.5));
        }

        foreach (WorkingSetResult ws in r.WorkingSets)
        {
            if (ws.Latency.FirstOrDefault(x => x.Rate == 1_000_000) is { } at1M)
            {
                long[] e2e = at1M.Medians(Stage.EndToEnd);
                // The machine's floor beside it, as probed just before these very windows (placement can change
                // during a run): the path crosses CPUs twice, a line each way at the least.
                WindowResult[] probed = [.. at1M.Runs.Where(w => w.CrossCpuRoundTripP50 > 0)];
                string floor = probed.Length == 0 ? ""
                    : $" (cross-CPU round trip of one line before → after its runs: p50 {string.Join(", ", probed.Select(ReportTables.RoundTrip))}" +
                      $"{ReportTables.Repeats(at1M.Repeated)})";
                yield return ($"end to end at 1M/s offered, {Format.Count(ws.LiveOrders)} live: p50 ≤ 300 ns, p99 ≤ 2 µs",
                    $"p50 {Format.Ns(e2e[0])}, p99 {Format.Ns(e2e[2])}{floor}", Met(e2e[0] <= 300 && e2e[2] <= 2_000));
            }
        }

        (string, Support.GcDelta)[] windows = [.. r.ZeroGcWindows()];
        int bad = windows.Count(w => !w.Item2.IsZero);
        yield return ("0 GCs and 0 bytes in measured windows",
            $"{bad} of {windows.Length} windows not zero (page faults on their hot threads: {ReportTables.PageFaultsText(windows.Select(w => w.Item2))})", Met(bad == 0));
    }

    private static string Met(bool met) => met ? "yes" : "no";
}
