using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Oms.Latency.Support;

/// <summary>
/// The harness's one clock: monotonic nanoseconds, offset so the values read as nanoseconds since the Unix
/// epoch (what <c>OmsMessage.Timestamp</c> holds). Every thread reads the same clock, so differences between
/// a producer's stamp and a consumer's reading are latencies.
/// </summary>
/// <remarks>
/// On Linux <see cref="Stopwatch"/> ticks are nanoseconds (CLOCK_MONOTONIC through the vDSO, about 20 ns a
/// read on this machine kind), so the conversion folds away; elsewhere ticks are scaled.
/// </remarks>
public static class NanoClock
{
    private static readonly long s_tickBase = Stopwatch.GetTimestamp();
    private static readonly long s_epochBase = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
    private static readonly bool s_nanosecondTicks = Stopwatch.Frequency == 1_000_000_000;
    private static readonly double s_scale = 1e9 / Stopwatch.Frequency;

    /// <summary>Now, in nanoseconds since the Unix epoch (monotonic: never steps with the wall clock).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Now()
    {
        long ticks = Stopwatch.GetTimestamp() - s_tickBase;
        return s_epochBase + (s_nanosecondTicks ? ticks : (long)(ticks * s_scale));
    }
}
