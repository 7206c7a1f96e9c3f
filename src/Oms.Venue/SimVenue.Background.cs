using Oms.Domain;
using Oms.Venue.Book;
using Oms.Venue.Market;
using Oms.Venue.Scheduling;

namespace Oms.Venue;

public sealed partial class SimVenue
{
    /// <summary>
    /// The first duty cycle: post every instrument's background quotes, start the mid steps and the
    /// aggressive flow, schedule the session end.
    /// </summary>
    private void Start(long now)
    {
        foreach (SimInstrument instrument in _instruments)
        {
            RefreshQuotes(instrument, now);
            if (_options.MidStepIntervalNanos > 0)
            {
                Schedule(TimerKind.MidStep, instrument, now + NextInterval(instrument, _options.MidStepIntervalNanos));
            }

            if (_options.AggressorIntervalNanos > 0)
            {
                Schedule(TimerKind.Aggressor, instrument, now + NextInterval(instrument, _options.AggressorIntervalNanos));
            }
        }

        if (_options.SessionEndNanos > 0)
        {
            var end = new VenueTimer { Kind = TimerKind.SessionEnd };
            _timers.Push(_options.SessionEndNanos, in end);
        }
    }

    /// <summary>The reference mid takes a seeded step of −max..max ticks (never below the floor), then the quotes follow it.</summary>
    private void OnMidStep(SimInstrument instrument, long at, long now)
    {
        long step = instrument.Flow.Between(-_options.MidStepMaxTicks, _options.MidStepMaxTicks) * instrument.Tick;
        long mid = Math.Max(instrument.MinMid, instrument.Mid + step);
        if (mid != instrument.Mid)
        {
            instrument.Mid = mid;
            instrument.Dirty = true;
            _counters.MidMovesValue++;
        }

        RefreshQuotes(instrument, at);
        Reschedule(TimerKind.MidStep, instrument, at, now, _options.MidStepIntervalNanos);
    }

    /// <summary>
    /// Another participant sends an IOC order of 1..max lots on a random side, priced through the first
    /// background level by the configured reach: it takes whatever rests at better prices first (an OMS
    /// quote inside the spread is hit before the background's).
    /// </summary>
    private void OnAggressor(SimInstrument instrument, long at, long now)
    {
        bool buy = instrument.Flow.Below(2) == 0;
        long qty = instrument.Flow.Between(1, _options.AggressorMaxLots) * instrument.Lot;
        long reach = (long)(_options.BackgroundHalfSpreadTicks + _options.AggressorReachTicks) * instrument.Tick;
        long limit = buy ? instrument.Mid + reach : Math.Max(instrument.Tick, instrument.Mid - reach);
        if (PostBackground(instrument, buy, limit, qty, TimeInForce.ImmediateOrCancel, at))
        {
            _counters.BackgroundAggressorsValue++;
        }

        Reschedule(TimerKind.Aggressor, instrument, at, now, _options.AggressorIntervalNanos);
    }

    /// <summary>
    /// Keeps the background ladder around the mid: its orders outside the band (bids at mid − half-spread
    /// and the levels below, asks mirrored) leave the book, and every band price without a background order
    /// gets a new one of 1..max lots, behind whatever already rests there. A new quote that crosses an OMS
    /// order trades with it, as any order would.
    /// </summary>
    private void RefreshQuotes(SimInstrument instrument, long at)
    {
        int levels = _options.BackgroundLevels;
        if (levels == 0)
        {
            return;
        }

        long tick = instrument.Tick;
        long bestBid = instrument.Mid - (_options.BackgroundHalfSpreadTicks * tick);
        long bestAsk = instrument.Mid + (_options.BackgroundHalfSpreadTicks * tick);
        long depth = (levels - 1) * tick;
        Prune(instrument, instrument.Bids, bestBid - depth, bestBid);
        Prune(instrument, instrument.Asks, bestAsk, bestAsk + depth);
        for (int i = 0; i < levels; i++)
        {
            TopUp(instrument, buy: true, bestBid - (i * tick), at);
            TopUp(instrument, buy: false, bestAsk + (i * tick), at);
        }
    }

    private void TopUp(SimInstrument instrument, bool buy, long price, long at)
    {
        BookSide side = instrument.SideOf(buy);
        int level = side.IndexOf(price);
        if (level >= 0 && side[level].BackgroundCount > 0)
        {
            return;
        }

        long qty = instrument.Flow.Between(1, _options.BackgroundMaxLots) * instrument.Lot;
        if (PostBackground(instrument, buy, price, qty, TimeInForce.GoodTillCancel, at))
        {
            _counters.BackgroundOrdersValue++;
        }
    }

    /// <summary>Removes the background orders resting outside [<paramref name="low"/>, <paramref name="high"/>] (OMS orders stay).</summary>
    private void Prune(SimInstrument instrument, BookSide side, long low, long high)
    {
        // From the best level down: unlinking may remove a level, which only shifts the levels already visited.
        for (int i = side.Count - 1; i >= 0; i--)
        {
            long price = side[i].Price;
            if ((price >= low && price <= high) || side[i].BackgroundCount == 0)
            {
                continue;
            }

            for (int order = side[i].Head; order >= 0;)
            {
                int next = _pool[order].Next;
                if (_pool[order].Background)
                {
                    side.Unlink(_pool, order);
                    Close(order, OrderStatus.Canceled, 0);
                    instrument.Dirty = true;
                }

                order = next;
            }
        }
    }

    /// <summary>Sends a background order into the book through the same matching as the OMS's; false when no row is free.</summary>
    private bool PostBackground(SimInstrument instrument, bool buy, long price, long qty, TimeInForce tif, long at)
    {
        int index = _pool.Allocate();
        if (index < 0)
        {
            return false;
        }

        ref SimOrder o = ref _pool[index];
        o.Background = true;
        o.Instrument = instrument.Index;
        o.IsBuy = buy;
        o.Side = buy ? Side.Buy : Side.Sell;
        o.Type = OrderType.Limit;
        o.Tif = tif;
        o.Price = price;
        o.OrderQty = qty;
        o.Leaves = qty;
        o.Arrival = ++_arrivals;
        o.State = SimOrderState.Working;
        Execute(instrument, index, at);
        return true;
    }

    private void Schedule(TimerKind kind, SimInstrument instrument, long at)
    {
        var timer = new VenueTimer { Kind = kind, Target = instrument.Index };
        _timers.Push(at, in timer);
    }

    /// <summary>
    /// The next firing of a background timer: one seeded interval later, or, when the clock has jumped
    /// more than the catch-up window past it, one interval after the present (the gap has no background).
    /// </summary>
    private void Reschedule(TimerKind kind, SimInstrument instrument, long at, long now, long mean)
    {
        long next = at + NextInterval(instrument, mean);
        if (next < now - _options.BackgroundMaxCatchUpNanos)
        {
            next = now + NextInterval(instrument, mean);
            _counters.BackgroundRebasesValue++;
        }

        Schedule(kind, instrument, next);
    }

    /// <summary>A seeded interval uniform in [mean/2, 3·mean/2] (integer-only, so reproducible everywhere); at least 1 ns.</summary>
    private static long NextInterval(SimInstrument instrument, long mean) =>
        Math.Max(1, instrument.Flow.Between(mean / 2, mean + (mean / 2)));
}
