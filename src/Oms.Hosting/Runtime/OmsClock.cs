using System.Diagnostics;

namespace Oms.Hosting;

/// <summary>
/// The host's one clock: nanoseconds since the Unix epoch, read from the monotonic <see cref="Stopwatch"/>
/// and anchored to the wall clock once, at construction. Strategies' clients stamp their commands with it
/// (it is the <see cref="TimeProvider"/> they get), gateways get it as <c>nowNanos</c>, and the latency
/// histogram subtracts an event's timestamp from it, so all three share one time base.
/// </summary>
/// <remarks>Thread-safe and allocation-free. It never steps backwards, and does not follow later wall-clock adjustments.</remarks>
public sealed class OmsClock : TimeProvider
{
    private static readonly long s_frequency = Stopwatch.Frequency;
    private readonly long _originTimestamp;
    private readonly long _originUnixNanos;

    /// <summary>Anchors the clock to the current wall-clock time.</summary>
    public OmsClock()
    {
        _originTimestamp = Stopwatch.GetTimestamp();
        _originUnixNanos = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
    }

    /// <summary>Now, in nanoseconds since the Unix epoch (monotonic).</summary>
    public long NowNanos => _originUnixNanos + ToNanos(Stopwatch.GetTimestamp() - _originTimestamp);

    /// <summary>Now as a wall-clock time (100 ns resolution), on the same time base as <see cref="NowNanos"/>.</summary>
    public override DateTimeOffset GetUtcNow() => new(DateTime.UnixEpoch.Ticks + (NowNanos / 100), TimeSpan.Zero);

    /// <summary>Converts a <see cref="Stopwatch"/> tick count to nanoseconds.</summary>
    public static long ToNanos(long stopwatchTicks) =>
        s_frequency == 1_000_000_000 ? stopwatchTicks
        : 1_000_000_000 % s_frequency == 0 ? stopwatchTicks * (1_000_000_000 / s_frequency)
        : (long)((Int128)stopwatchTicks * 1_000_000_000 / s_frequency);
}
