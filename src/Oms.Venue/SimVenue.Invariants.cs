using Oms.Venue.Book;
using Oms.Venue.Market;

namespace Oms.Venue;

public sealed partial class SimVenue
{
    /// <summary>
    /// A deep structural check for tests: no book is crossed; levels are sorted and hold exactly the orders
    /// linked into them, with their quantities summed; every resting order has leaves = order quantity −
    /// filled; every live OMS order is indexed by its ClOrdID and venue OrderID and nothing else is; every
    /// row in use rests or awaits a bust; bought equals sold. Returns the first broken rule, or null.
    /// Venue thread only, between duty cycles; O(rows); allocates only to describe a failure.
    /// </summary>
    public string? ValidateInvariants()
    {
        int resting = 0;
        int restingOms = 0;
        foreach (SimInstrument instrument in _instruments)
        {
            if (instrument.Bids.Count > 0 && instrument.Asks.Count > 0 && instrument.Bids.Best.Price >= instrument.Asks.Best.Price)
            {
                return $"instrument {instrument.Id}: crossed book at rest (bid {instrument.Bids.Best.Price} >= ask {instrument.Asks.Best.Price})";
            }

            foreach (BookSide side in (ReadOnlySpan<BookSide>)[instrument.Bids, instrument.Asks])
            {
                string? problem = CheckSide(instrument, side, ref resting, ref restingOms);
                if (problem is not null)
                {
                    return $"instrument {instrument.Id} {(side.IsBids ? "bids" : "asks")}: {problem}";
                }
            }
        }

        if (_byClOrdId.Count != restingOms || _byVenueOrderId.Count != restingOms)
        {
            return $"{restingOms} OMS orders rest but {_byClOrdId.Count} ClOrdIDs and {_byVenueOrderId.Count} venue OrderIDs are indexed";
        }

        int done = 0;
        for (int i = 0; i < _pool.Capacity; i++)
        {
            ref SimOrder o = ref _pool[i];
            if (o.State == SimOrderState.Working || (o.State == SimOrderState.Done && o.Pins <= 0))
            {
                return $"row {i} is {o.State} with {o.Pins} pins between duty cycles";
            }

            done += o.State == SimOrderState.Done ? 1 : 0;
        }

        if (_pool.InUse != resting + done)
        {
            return $"{_pool.InUse} rows in use, but {resting} rest and {done} await a bust or correction";
        }

        return _counters.BoughtQtyValue != _counters.SoldQtyValue
            ? $"bought {_counters.BoughtQtyValue} != sold {_counters.SoldQtyValue}"
            : null;
    }

    private string? CheckSide(SimInstrument instrument, BookSide side, ref int resting, ref int restingOms)
    {
        for (int i = 0; i < side.Count; i++)
        {
            ref PriceLevel level = ref side[i];
            if (i > 0 && !side.IsBetter(level.Price, side[i - 1].Price))
            {
                return $"level {i} ({level.Price}) is not better than level {i - 1} ({side[i - 1].Price})";
            }

            long qty = 0;
            int count = 0;
            int background = 0;
            int previous = -1;
            for (int index = level.Head; index >= 0; index = _pool[index].Next)
            {
                ref SimOrder o = ref _pool[index];
                string? problem = CheckResting(instrument, side, level.Price, index, previous);
                if (problem is not null)
                {
                    return $"order row {index} at {level.Price}: {problem}";
                }

                qty += o.Leaves;
                count++;
                background += o.Background ? 1 : 0;
                restingOms += o.Background ? 0 : 1;
                previous = index;
            }

            if (count == 0 || count != level.Count || background != level.BackgroundCount || qty != level.Qty || previous != level.Tail)
            {
                return $"level {level.Price} holds {count} orders ({background} background) of {qty}, "
                    + $"but records {level.Count} ({level.BackgroundCount}) of {level.Qty} and tail row {level.Tail}";
            }

            resting += count;
        }

        return null;
    }

    private string? CheckResting(SimInstrument instrument, BookSide side, long price, int index, int previous)
    {
        ref SimOrder o = ref _pool[index];
        if (o.State != SimOrderState.Resting || o.Instrument != instrument.Index || o.IsBuy != side.IsBids || o.Price != price)
        {
            return $"state {o.State}, instrument row {o.Instrument}, buy {o.IsBuy}, price {o.Price} do not fit its level";
        }

        if (o.Prev != previous)
        {
            return $"links back to row {o.Prev}, not {previous}";
        }

        if (o.Leaves <= 0 || o.Leaves != o.OrderQty - o.CumQty || o.CumQty < 0)
        {
            return $"leaves {o.Leaves}, order quantity {o.OrderQty}, filled {o.CumQty} do not add up";
        }

        if (!o.Background && (!_byClOrdId.TryGetValue(o.ClOrdId, out int byId) || byId != index
            || !_byVenueOrderId.TryGetValue(o.VenueOrderId, out int byVenueId) || byVenueId != index))
        {
            return $"OMS order {o.ClOrdId} is not indexed to its row";
        }

        return null;
    }
}
