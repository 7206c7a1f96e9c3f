using HdrHistogram;
using Oms.Latency.Results;

namespace Oms.Latency.Support;

/// <summary>
/// Measures the machine's own noise, as a hiccup meter does: a pinned thread on each measured CPU reads the
/// clock in a tight loop for a while and records every gap between consecutive reads. On an idle, isolated core
/// the gaps are the clock's cost (tens of ns); anything longer is time the thread did not run (interrupts,
/// other processes, the hypervisor). The p99.9 and above of the latency runs cannot be better than this.
/// </summary>
public static class NoiseProbe
{
    /// <summary>Runs the probe on every CPU in <paramref name="cpus"/> at once (both hot threads' places) for <paramref name="seconds"/>.</summary>
    public static List<NoiseResult> Run(IReadOnlyList<int> cpus, double seconds)
    {
        var histograms = cpus.Select(_ => Histograms.Create()).ToArray();
        long[] pinned = new long[cpus.Count];
        long duration = (long)(seconds * 1e9);
        var workers = new List<PinnedWorker>();
        try
        {
            for (int i = 0; i < cpus.Count; i++)
            {
                LongHistogram h = histograms[i];
                workers.Add(new PinnedWorker($"noise-{cpus[i]}", cpus[i], () => Spin(h, duration)));
            }

            workers.ForEach(w => w.Run());
            workers.ForEach(w => w.Wait());
            return [.. cpus.Select((cpu, i) => new NoiseResult(cpu, workers[i].Pinned, seconds, Percentiles.From(histograms[i]),
                Above(histograms[i], 10_000), Above(histograms[i], 1_000_000)))];
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    private static void Spin(LongHistogram h, long duration)
    {
        long start = NanoClock.Now();
        long previous = start;
        while (previous - start < duration)
        {
            long now = NanoClock.Now();
            h.RecordValue(Math.Min(now - previous, Histograms.Highest));
            previous = now;
        }
    }

    private static long Above(LongHistogram h, long ns)
    {
        long count = 0;
        foreach (HdrHistogram.Iteration.HistogramIterationValue v in h.RecordedValues())
        {
            if (v.ValueIteratedTo > ns)
            {
                count += v.CountAtValueIteratedTo;
            }
        }

        return count;
    }
}

/// <summary>What the noise probe saw on one CPU: gaps between consecutive clock reads.</summary>
/// <param name="Cpu">The CPU (-1: not pinned).</param>
/// <param name="Pinned">True when the probe thread was pinned there.</param>
/// <param name="Seconds">How long it spun.</param>
/// <param name="Gaps">Percentiles of the gaps, ns.</param>
/// <param name="Over10Us">Gaps over 10 µs.</param>
/// <param name="Over1Ms">Gaps over 1 ms.</param>
public sealed record NoiseResult(int Cpu, bool Pinned, double Seconds, Percentiles Gaps, long Over10Us, long Over1Ms);
