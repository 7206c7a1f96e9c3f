using Oms.Domain;
using Oms.Engine;
using Oms.Venue.Book;
using Oms.Venue.Market;

namespace Oms.Venue;

public sealed partial class SimVenue
{
    /// <summary>
    /// Runs an accepted order (new, or replaced off its level) against the book, then completes it, kills
    /// its remainder (IOC, FOK, market) or rests it.
    /// </summary>
    private void Execute(SimInstrument instrument, int index, long at)
    {
        ref SimOrder o = ref _pool[index];
        long limit = o.Type == OrderType.Market ? (o.IsBuy ? long.MaxValue : long.MinValue) : o.Price;
        if (o.Tif == TimeInForce.FillOrKill && Available(instrument, o.IsBuy, limit, o.Leaves) < o.Leaves)
        {
            Close(index, OrderStatus.Canceled, at);
            return;
        }

        Match(instrument, index, limit, at);
        if (o.Leaves == 0)
        {
            Close(index, OrderStatus.Filled, at);
        }
        else if (o.Type == OrderType.Market || o.Tif is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill)
        {
            Close(index, OrderStatus.Canceled, at);
        }
        else
        {
            Rest(instrument, index, at);
        }
    }

    /// <summary>Trades the aggressor at <paramref name="aggressor"/> against the opposite side while prices cross, best price then oldest first.</summary>
    private void Match(SimInstrument instrument, int aggressor, long limit, long at)
    {
        ref SimOrder a = ref _pool[aggressor];
        BookSide book = instrument.Opposite(a.IsBuy);
        while (a.Leaves > 0 && book.Count > 0)
        {
            ref PriceLevel level = ref book.Best;
            long price = level.Price;
            if (a.IsBuy ? price > limit : price < limit)
            {
                break;
            }

            int passive = level.Head;
            long qty = Math.Min(a.Leaves, _pool[passive].Leaves);
            level.Qty -= qty;
            Trade(instrument, aggressor, passive, qty, price, at);
            if (_pool[passive].Leaves == 0)
            {
                // Unlinking may remove the level: the loop fetches the best level afresh.
                book.Unlink(_pool, passive);
                Close(passive, OrderStatus.Filled, at);
            }
        }
    }

    /// <summary>Quantity the opposite side offers at prices crossing <paramref name="limit"/>, counted up to <paramref name="wanted"/>.</summary>
    private static long Available(SimInstrument instrument, bool buy, long limit, long wanted)
    {
        BookSide book = instrument.Opposite(buy);
        long sum = 0;
        for (int i = book.Count - 1; i >= 0 && sum < wanted; i--)
        {
            long price = book[i].Price;
            if (buy ? price > limit : price < limit)
            {
                break;
            }

            sum += book[i].Qty;
        }

        return sum;
    }

    /// <summary>One trade of <paramref name="qty"/> at <paramref name="price"/>: both orders' records, a fill report per OMS side, the trade's faults.</summary>
    private void Trade(SimInstrument instrument, int aggressor, int passive, long qty, long price, long at)
    {
        _counters.TradesValue++;
        _counters.BoughtQtyValue += qty;
        _counters.SoldQtyValue += qty;
        instrument.LastTradePrice = price;
        instrument.Dirty = true;
        IdToken aggressorFill = ApplyFill(aggressor, qty, price, at);
        IdToken passiveFill = ApplyFill(passive, qty, price, at);
        if (!aggressorFill.IsNone || !passiveFill.IsNone)
        {
            DecideTradeFaults(aggressor, aggressorFill, passive, passiveFill, qty, price, instrument.Tick);
        }
    }

    /// <summary>Books a fill on one order; for an OMS order, queues its fill report and returns the report's ExecID.</summary>
    private IdToken ApplyFill(int index, long qty, long price, long at)
    {
        ref SimOrder o = ref _pool[index];
        o.Leaves -= qty;
        o.CumQty += qty;
        o.Notional += FixedPoint.Notional(price, qty);
        if (o.Background)
        {
            return IdToken.None;
        }

        _counters.OmsFillsValue++;
        _counters.OmsFilledQtyValue += qty;
        OmsMessage fill = ReportFor(ref o, ExecType.Trade);
        fill.LastQty = qty;
        fill.LastPx = price;
        Send(ref fill, ref o, at, fill: true);
        return fill.ExecId;
    }

    /// <summary>Puts an order in its price level (at the back) and schedules its GTD expiry and any injected unsolicited cancel.</summary>
    private void Rest(SimInstrument instrument, int index, long at)
    {
        ref SimOrder o = ref _pool[index];
        o.State = SimOrderState.Resting;
        instrument.SideOf(o.IsBuy).Append(_pool, index);
        instrument.Dirty = true;
        if (o.Background)
        {
            return;
        }

        if (o.Tif == TimeInForce.GoodTillDate)
        {
            ScheduleOrderTimer(Scheduling.TimerKind.GtdExpiry, index, o.ExpireTime);
        }

        if (_faultRandom.Chance(_faults.UnsolicitedCancel))
        {
            ScheduleOrderTimer(Scheduling.TimerKind.UnsolicitedCancel, index, at + _options.UnsolicitedCancelDelayNanos);
        }
    }

    /// <summary>
    /// Finishes an order that is out of the book (or never entered it): it leaves the id indexes and, for an
    /// OMS order that did not fill, gets its Canceled or Expired report (naming <paramref name="request"/>,
    /// the cancel request's ClOrdID, when one asked for it). The row is freed unless a bust still needs it.
    /// </summary>
    private void Close(int index, OrderStatus end, long at, IdToken request = default)
    {
        ref SimOrder o = ref _pool[index];
        IdToken current = o.ClOrdId;
        if (!o.Background)
        {
            _byClOrdId.Remove(current);
            _byVenueOrderId.Remove(o.VenueOrderId);
        }

        o.Leaves = 0;
        o.State = SimOrderState.Done;
        o.EndStatus = end;
        if (!o.Background && end != OrderStatus.Filled)
        {
            bool expired = end == OrderStatus.Expired;
            (expired ? ref _counters.ExpiredValue : ref _counters.CanceledValue)++;
            OmsMessage m = ReportFor(ref o, expired ? ExecType.Expired : ExecType.Canceled);
            if (!request.IsNone)
            {
                m.ClOrdId = request;
                m.OrigClOrdId = current;
            }

            Send(ref m, ref o, at, fill: false);
        }

        if (o.Pins == 0)
        {
            _pool.Release(index);
        }
    }
}
