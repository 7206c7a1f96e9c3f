namespace Oms.Venue.Market;

/// <summary>
/// One instrument's published <see cref="TopOfBook"/>: written by the venue thread, read by any thread,
/// without locks or allocation (a sequence lock).
/// </summary>
/// <remarks>
/// Design: the writer makes the version odd, writes the fields, then makes it even again; a reader copies
/// the fields between two reads of the version and retries if the version was odd or moved, so it never
/// returns a mix of two snapshots. The full fences keep the field accesses inside the version bracket on
/// weakly ordered CPUs too. A reader can spin only while a write is in progress (a few stores).
/// </remarks>
internal sealed class TopOfBookCell(int instrumentId)
{
    private long _version;
    private long _bidPrice;
    private long _bidQty;
    private long _askPrice;
    private long _askQty;
    private long _mid;
    private long _last;
    private long _time;

    /// <summary>Publishes a new snapshot. Venue thread only.</summary>
    public void Write(long bidPrice, long bidQty, long askPrice, long askQty, long mid, long last, long time)
    {
        long v = _version;
        Volatile.Write(ref _version, v + 1);
        Interlocked.MemoryBarrier();
        _bidPrice = bidPrice;
        _bidQty = bidQty;
        _askPrice = askPrice;
        _askQty = askQty;
        _mid = mid;
        _last = last;
        _time = time;
        Volatile.Write(ref _version, v + 2);
    }

    /// <summary>A consistent copy of the latest snapshot. Any thread.</summary>
    public TopOfBook Read()
    {
        var spin = new SpinWait();
        while (true)
        {
            long before = Volatile.Read(ref _version);
            if ((before & 1) == 0)
            {
                var top = new TopOfBook(instrumentId, _bidPrice, _bidQty, _askPrice, _askQty, _mid, _last, _time, before >> 1);
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _version) == before)
                {
                    return top;
                }
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
