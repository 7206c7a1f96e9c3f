using Oms.Latency.Latency;
using Oms.Latency.Support;

namespace Oms.Latency.Results;

/// <summary>Everything one harness run measured, with the machine and the settings it ran under.</summary>
public sealed class HarnessResult
{
    /// <summary>The settings.</summary>
    public required HarnessConfig Config { get; init; }
    /// <summary>The machine, read at the start.</summary>
    public required MachineInfo Machine { get; init; }
    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>Wall time of the whole run.</summary>
    public TimeSpan Elapsed { get; set; }
    /// <summary>Load average at the end.</summary>
    public string LoadAverageAfter { get; set; } = "";
    /// <summary>The strategy-side layout used by the engine windows.</summary>
    public ThreadLayout Layout { get; set; }
    /// <summary>Whether each hot thread of the latency windows was pinned where asked.</summary>
    public (bool Engine, bool Producer, bool Strategy) Pinned { get; set; }
    /// <summary>The machine-noise probe, per hot CPU (empty when skipped).</summary>
    public List<NoiseResult> Noise { get; } = [];
    /// <summary>The cross-CPU probe, per pair of hot CPUs a message crosses between (empty when skipped).</summary>
    public List<CrossCpuResult> CrossCpu { get; } = [];
    /// <summary>Ring against channel.</summary>
    public RingThroughputResult? RingVsChannels { get; set; }
    /// <summary>The ring alone at each offered rate.</summary>
    public List<RateResult> RingOnly { get; } = [];
    /// <summary>Each working set.</summary>
    public List<WorkingSetResult> WorkingSets { get; } = [];

    /// <summary>Page faults of the hot threads summed over <paramref name="windows"/> that counted them; -1 when none did.</summary>
    public static long PageFaults(IEnumerable<GcDelta> windows)
    {
        long[] counted = [.. windows.Select(g => g.WorkerPageFaults).Where(f => f >= 0)];
        return counted.Length == 0 ? -1 : counted.Sum();
    }

    /// <summary>
    /// Every window whose GC figures should be zero: the engine's and the ring's. The baselines (reference model,
    /// Channel) are reported with their figures in the throughput table but are not held to zero.
    /// </summary>
    public IEnumerable<(string Name, GcDelta Gc)> ZeroGcWindows()
    {
        foreach (RateResult r in RingOnly.Concat(WorkingSets.SelectMany(w => w.Latency)))
        {
            // Windows set aside by the placement guard are in no latency figure, but the engine ran them all the same.
            foreach (WindowResult w in r.Runs.Concat(r.Repeated))
            {
                yield return (w.Name, w.Gc);
            }
        }

        foreach (WorkingSetResult ws in WorkingSets)
        {
            foreach (WindowResult w in ws.Saturation is null ? []
                : ws.Saturation.Tries.Append(ws.Saturation.Unthrottled).OfType<WindowResult>().Concat(ws.Saturation.Repeated))
            {
                yield return (w.Name, w.Gc);
            }

            for (int i = 0; i < (ws.Throughput?.Engine.Gc.Count ?? 0); i++)
            {
                yield return ($"engine apply, ws {ws.LiveOrders}, run {i + 1}", ws.Throughput!.Engine.Gc[i]);
            }
        }

        if (RingVsChannels is { } rc)
        {
            for (int i = 0; i < rc.Ring.Gc.Count; i++)
            {
                yield return ($"ring throughput, run {i + 1}", rc.Ring.Gc[i]);
            }

            // A comparison set aside ran the same code: it is held to zero GC all the same.
            for (int i = 0; i < (rc.SetAside?.Ring.Gc.Count ?? 0); i++)
            {
                yield return ($"ring throughput (set aside), run {i + 1}", rc.SetAside!.Ring.Gc[i]);
            }
        }
    }

    /// <summary>Problems found by the workload checks and the windows (missing timestamps, GC in a window).</summary>
    public IEnumerable<string> Warnings()
    {
        foreach (WorkingSetResult ws in WorkingSets)
        {
            foreach (string? p in ws.Latency.Select(r => r.Problem).Append(ws.Saturation?.Problem).Append(ws.Throughput?.Problem))
            {
                if (p is not null)
                {
                    yield return $"ws {ws.LiveOrders:N0}: {p}";
                }
            }
        }

        foreach (RateResult r in RingOnly.Concat(WorkingSets.SelectMany(w => w.Latency)))
        {
            foreach (WindowResult w in r.Runs.Where(w => w.MissingApplied > 0 || w.MissingCallback > 0))
            {
                yield return $"{w.Name}: {w.MissingApplied} messages without an applied time, {w.MissingCallback} without a callback";
            }
        }

        foreach ((string name, GcDelta gc) in ZeroGcWindows().Where(w => !w.Gc.IsZero))
        {
            yield return $"{name}: {gc.Collections} GCs, {gc.AllocatedBytes} bytes allocated (process), {gc.WorkerAllocatedBytes} (hot threads)";
        }
    }
}
