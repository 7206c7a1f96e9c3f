namespace Oms.Latency.Latency;

/// <summary>What the load generator saw during one window (times in ns on <see cref="Support.NanoClock"/>).</summary>
public struct WindowTrace
{
    /// <summary>The schedule's origin: message <c>i</c> is due at <c>Start + i × 10⁹ / rate</c>.</summary>
    public long Start;
    /// <summary>When the last message was consumed and every output drained.</summary>
    public long End;
    /// <summary>Times a publish found the ring full (the producer then retries after serving the outputs).</summary>
    public long RingFull;
    /// <summary>Most messages published and not yet consumed, sampled after each burst.</summary>
    public long MaxBacklog;
    /// <summary>Messages published and not yet consumed right after the last message was published.</summary>
    public long FinalBacklog;
    /// <summary>Largest delay of a stamp behind its scheduled time (how far the producer fell behind).</summary>
    public long MaxLag;
    /// <summary>Delay of the last message's stamp behind its scheduled time.</summary>
    public long FinalLag;
    /// <summary>Output events read (strategy and operator).</summary>
    public long Events;
    /// <summary>Messages whose first event was the operator's (duplicates).</summary>
    public long OperatorFirsts;
    /// <summary>Venue commands read.</summary>
    public long VenueCommands;
    /// <summary>Bytes allocated by the load generator's thread(s).</summary>
    public long Allocated;
}
