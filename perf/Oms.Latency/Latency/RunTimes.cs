namespace Oms.Latency.Latency;

/// <summary>
/// The timestamps of one window, by message index (0 = the window's first message), preallocated for the
/// largest window of a session. Each array has one writer thread during the window; the coordinator reads
/// them after the window, once every worker has signalled it is done.
/// </summary>
/// <remarks>
/// Why arrays rather than recording into a histogram on the hot threads: a store is cheaper than a histogram
/// update, it keeps the engine thread's extra work to one clock read per batch, and it lets one window yield
/// every stage (applied, callback; from the stamp and from the schedule) from the same data.
/// </remarks>
public sealed class RunTimes(int capacity)
{
    /// <summary>The producer's stamp (ns): the clock read that found the message due (a burst's first), or a read just before its publish.</summary>
    public long[] Stamp { get; } = new long[capacity];

    /// <summary>When the consumer thread finished the batch holding the message (ns): state applied (engine) or received (ring only).</summary>
    public long[] Applied { get; } = new long[capacity];

    /// <summary>When the first output event caused by the message reached the strategy-side thread (ns); 0 when none did.</summary>
    public long[] Callback { get; } = new long[capacity];

    /// <summary>When the venue command the message caused reached the gateway-side thread (ns); 0 when it caused none.</summary>
    public long[] Venue { get; } = new long[capacity];

    /// <summary>The largest window.</summary>
    public int Capacity => Stamp.Length;

    /// <summary>Zeroes the first <paramref name="count"/> entries of every array (0 means "not seen").</summary>
    public void Clear(int count)
    {
        Array.Clear(Stamp, 0, count);
        Array.Clear(Applied, 0, count);
        Array.Clear(Callback, 0, count);
        Array.Clear(Venue, 0, count);
    }
}
