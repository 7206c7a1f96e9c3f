using Oms.Latency.Results;
using Oms.Latency.Support;

namespace Oms.Latency.Latency;

/// <summary>Turns one window's timestamps into histograms, after the window (never on a hot thread).</summary>
public static class WindowAnalysis
{
    /// <summary>
    /// A window is sustained when its last message left at most max(1 ms, 1% of the window) behind schedule and
    /// the backlog at that moment was under half the ring: the offered rate was carried and the queue did not grow
    /// without bound. A stall the loop recovered from within the window (the machine's noise) does not count
    /// against it; the maximum backlog is reported apart.
    /// </summary>
    public static bool IsSustained(in WindowTrace trace, long rate, int count, int ringCapacity)
    {
        if (rate <= 0)
        {
            return true;
        }

        double seconds = (double)count / rate;
        long allowedLag = Math.Max(1_000_000, (long)(seconds * 1e9 * 0.01));
        return trace.FinalLag <= allowedLag && trace.FinalBacklog <= ringCapacity / 2;
    }

    /// <summary>Builds the window's result; <paramref name="withCallbacks"/> false for ring-only windows.</summary>
    public static WindowResult Build(string name, RunTimes times, int count, long rate, in WindowTrace trace, GcDelta gc,
        bool withCallbacks, int ringCapacity)
    {
        var applied = Histograms.Create();
        var appliedFromStamp = Histograms.Create();
        var endToEnd = withCallbacks ? Histograms.Create() : null;
        var endToEndFromStamp = withCallbacks ? Histograms.Create() : null;
        var toVenue = withCallbacks ? Histograms.Create() : null;
        long missingApplied = 0, missingCallback = 0;
        for (int i = 0; i < count; i++)
        {
            long stamp = times.Stamp[i];
            long scheduled = rate > 0 ? trace.Start + (i * 1_000_000_000L / rate) : stamp;
            long done = times.Applied[i];
            if (done == 0)
            {
                missingApplied++;
            }
            else
            {
                Histograms.Record(applied, done - scheduled);
                Histograms.Record(appliedFromStamp, done - stamp);
            }

            if (endToEnd is null)
            {
                continue;
            }

            // Only the messages that send something to a venue (accepted new orders, cancels, replaces) have one.
            long venue = times.Venue[i];
            if (venue != 0)
            {
                Histograms.Record(toVenue!, venue - scheduled);
            }

            long callback = times.Callback[i];
            if (callback == 0)
            {
                missingCallback++;
                continue;
            }

            Histograms.Record(endToEnd, callback - scheduled);
            Histograms.Record(endToEndFromStamp!, callback - stamp);
        }

        double seconds = Math.Max(1, trace.End - trace.Start) / 1e9;
        return new WindowResult
        {
            Name = name,
            OfferedRate = rate,
            Messages = count,
            AchievedRate = count / seconds,
            Seconds = seconds,
            Gc = gc,
            Applied = applied,
            AppliedFromStamp = appliedFromStamp,
            EndToEnd = endToEnd,
            EndToEndFromStamp = endToEndFromStamp,
            ToVenue = toVenue,
            MissingApplied = missingApplied,
            MissingCallback = missingCallback,
            Trace = trace,
            Sustained = IsSustained(trace, rate, count, ringCapacity),
        };
    }
}
