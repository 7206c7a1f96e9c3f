using Oms.Engine;

namespace Oms.Latency.Workload;

/// <summary>
/// Checks, through the engine's counters, that it did to the workload what the workload expects: every
/// setup order submitted and accepted, every mix message one state change except duplicates (counted, with
/// their anomaly), nothing denied, refused or ignored. A silent refusal would otherwise pass for a fast path.
/// </summary>
public static class WorkloadCheck
{
    /// <summary>Null when the counters match; otherwise what differs, in words.</summary>
    /// <param name="c">The engine's counters after the session.</param>
    /// <param name="liveOrders">Orders of the setup.</param>
    /// <param name="mix">What the generator produced after the setup (all of it applied).</param>
    public static string? Problem(EngineCounters c, int liveOrders, MixCounts mix)
    {
        var problems = new List<string>();
        Expect(problems, "messages", c.Messages, (2L * liveOrders) + mix.Messages);
        Expect(problems, "submitted", c.Submitted, liveOrders + mix.NewOrders);
        Expect(problems, "accepted", c.Accepted, liveOrders + mix.Acks);
        Expect(problems, "fills", c.Fills, mix.Fills);
        Expect(problems, "canceled", c.Canceled, mix.Canceled);
        Expect(problems, "replaced", c.Replaced, mix.Replaced);
        Expect(problems, "duplicates", c.Duplicates, mix.Duplicates);
        Expect(problems, "anomalies", c.Anomalies, mix.Duplicates);
        Expect(problems, "denied", c.Denied, 0);
        Expect(problems, "refused", c.Refused, 0);
        Expect(problems, "ignored", c.Ignored, 0);
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static void Expect(List<string> problems, string what, long actual, long expected)
    {
        if (actual != expected)
        {
            problems.Add($"{what} {actual} (expected {expected})");
        }
    }
}
