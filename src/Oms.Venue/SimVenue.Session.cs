using Oms.Domain;
using Oms.Venue.Book;
using Oms.Venue.Market;
using Oms.Venue.Scheduling;

namespace Oms.Venue;

public sealed partial class SimVenue
{
    /// <summary>The scheduled session end: Day orders expire; the next end follows after the session length, if one is set.</summary>
    private void OnSessionEnd(long at)
    {
        ExpireDayOrders(at);
        if (_options.SessionLengthNanos > 0)
        {
            var next = new VenueTimer { Kind = TimerKind.SessionEnd };
            _timers.Push(at + _options.SessionLengthNanos, in next);
        }
    }

    /// <summary>Every resting OMS Day order expires (an Expired report each); the next session starts at once.</summary>
    private void ExpireDayOrders(long at)
    {
        foreach (SimInstrument instrument in _instruments)
        {
            ExpireDayOrders(instrument, instrument.Bids, at);
            ExpireDayOrders(instrument, instrument.Asks, at);
        }
    }

    private void ExpireDayOrders(SimInstrument instrument, BookSide side, long at)
    {
        // From the best level down, oldest first: the order of the Expired reports is reproducible.
        for (int i = side.Count - 1; i >= 0; i--)
        {
            for (int order = side[i].Head; order >= 0;)
            {
                int next = _pool[order].Next;
                ref SimOrder o = ref _pool[order];
                if (!o.Background && o.Tif == TimeInForce.Day)
                {
                    side.Unlink(_pool, order);
                    instrument.Dirty = true;
                    Close(order, OrderStatus.Expired, at);
                }

                order = next;
            }
        }
    }
}
