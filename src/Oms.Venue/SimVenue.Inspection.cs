using Oms.Venue.Book;
using Oms.Venue.Market;
using Oms.Venue.Scheduling;

namespace Oms.Venue;

public sealed partial class SimVenue
{
    /// <summary>
    /// Every resting order, instrument by instrument (configuration order), bids then asks, best price
    /// first, oldest first within a price. Venue thread only; allocates the list.
    /// </summary>
    public List<SimRestingOrder> SnapshotRestingOrders()
    {
        var list = new List<SimRestingOrder>();
        foreach (SimInstrument instrument in _instruments)
        {
            foreach (BookSide side in (ReadOnlySpan<BookSide>)[instrument.Bids, instrument.Asks])
            {
                for (int i = side.Count - 1; i >= 0; i--)
                {
                    for (int index = side[i].Head; index >= 0; index = _pool[index].Next)
                    {
                        ref SimOrder o = ref _pool[index];
                        list.Add(new SimRestingOrder(instrument.Id, o.Side, o.Price, o.Leaves, o.OrderQty, o.CumQty, o.Tif,
                            o.ClOrdId, o.VenueOrderId, o.Background));
                    }
                }
            }
        }

        return list;
    }

    /// <summary>
    /// A 64-bit hash of the venue's whole state: books (every resting order with its place), reference mids,
    /// id counters, random streams, queued reports and timers. Two venues fed the same way hash the same.
    /// Venue thread only.
    /// </summary>
    public ulong ComputeStateHash()
    {
        ulong h = Mix((ulong)_orderIdSequence) ^ Mix((ulong)_execIdSequence + 1) ^ Mix((ulong)_arrivals + 2);
        h = Mix(h ^ _latencyRandom.StateHash()) ^ _faultRandom.StateHash();
        foreach (SimInstrument instrument in _instruments)
        {
            h = Mix(h ^ (ulong)instrument.Mid ^ instrument.Flow.StateHash());
            foreach (BookSide side in (ReadOnlySpan<BookSide>)[instrument.Bids, instrument.Asks])
            {
                for (int i = side.Count - 1; i >= 0; i--)
                {
                    for (int index = side[i].Head; index >= 0; index = _pool[index].Next)
                    {
                        ref SimOrder o = ref _pool[index];
                        h = Mix(h ^ (ulong)o.Price) ^ Mix((ulong)o.Leaves ^ ((ulong)o.CumQty << 32)) ^ (ulong)o.Arrival
                            ^ (ulong)o.ClOrdId.Value ^ (ulong)(o.VenueOrderId.Value >> 64) ^ (ulong)o.VenueOrderId.Value;
                    }
                }
            }
        }

        var reports = new HashVisitor();
        _reports.ForEach(ref reports);
        var timers = new HashVisitor();
        _timers.ForEach(ref timers);
        return Mix(h ^ reports.Sum) ^ Mix(timers.Sum + 3);
    }

    private struct HashVisitor : IScheduleVisitor<Engine.OmsMessage>, IScheduleVisitor<VenueTimer>
    {
        public ulong Sum;

        // A wrapping sum: the heap's storage order does not matter, only its contents.
        public void Visit(long due, in Engine.OmsMessage item) =>
            Sum += Mix((ulong)due ^ (ulong)item.ExecId.Value ^ ((ulong)item.ExecType << 56)) ^ Mix((ulong)item.LastQty ^ (ulong)item.CumQty);

        public void Visit(long due, in VenueTimer item) =>
            Sum += Mix((ulong)due ^ ((ulong)item.Kind << 56) ^ (ulong)item.Target) ^ Mix((ulong)item.Qty ^ (ulong)item.ExecId.Value);
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        return x ^ (x >> 33);
    }
}
