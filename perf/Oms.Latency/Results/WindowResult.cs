using HdrHistogram;
using Oms.Latency.Support;

namespace Oms.Latency.Results;

/// <summary>One measured window of a latency run: its histograms, what the producer saw, and the GC.</summary>
public sealed class WindowResult
{
    /// <summary>Which window, for people ("ws 10000, 1000000/s, run 2").</summary>
    public required string Name { get; init; }
    /// <summary>Offered rate, messages/s (0: unthrottled).</summary>
    public required long OfferedRate { get; init; }
    /// <summary>Messages sent.</summary>
    public required int Messages { get; init; }
    /// <summary>Messages per second from the schedule's start to the last output drained.</summary>
    public required double AchievedRate { get; init; }
    /// <summary>Wall time of the window, seconds.</summary>
    public required double Seconds { get; init; }
    /// <summary>The collector during the window.</summary>
    public required GcDelta Gc { get; init; }
    /// <summary>Producer stamp → state applied on the engine thread (or received, ring only), from the schedule (coordinated omission corrected).</summary>
    public required LongHistogram Applied { get; init; }
    /// <summary>The same, from the producer's stamp (not corrected).</summary>
    public required LongHistogram AppliedFromStamp { get; init; }
    /// <summary>Schedule → strategy callback (null for ring-only windows).</summary>
    public LongHistogram? EndToEnd { get; init; }
    /// <summary>Stamp → strategy callback (null for ring-only windows).</summary>
    public LongHistogram? EndToEndFromStamp { get; init; }
    /// <summary>Schedule → the venue command read on the gateway side, for the messages that caused one (null for ring-only windows).</summary>
    public LongHistogram? ToVenue { get; init; }
    /// <summary>Messages with no applied time (should be 0).</summary>
    public long MissingApplied { get; init; }
    /// <summary>Messages with no output event (should be 0).</summary>
    public long MissingCallback { get; init; }
    /// <summary>The load generator's trace.</summary>
    public required Latency.WindowTrace Trace { get; init; }
    /// <summary>
    /// p50 of the cross-CPU round trip between the producer's and the engine's CPUs, measured just before the window
    /// (ns; 0 when not measured). On a shared VM the placement of the two vCPUs can change from one window to the
    /// next, and the end-to-end figures move with it.
    /// </summary>
    public long CrossCpuRoundTripP50 { get; set; }
    /// <summary>The same probe just after the window (ns; 0 when not measured).</summary>
    public long CrossCpuRoundTripP50After { get; set; }
    /// <summary>
    /// True when a round trip around the window showed a displaced placement and it was kept: the placement did not
    /// come back within the wait, or the session had no repeat left (see <see cref="Support.PlacementGuard"/>).
    /// Flagged in the tables and the JSON.
    /// </summary>
    public bool Displaced { get; set; }
    /// <summary>True when the producer kept to its schedule and the backlog stayed bounded (see <see cref="Latency.WindowAnalysis"/>).</summary>
    public required bool Sustained { get; init; }
}
