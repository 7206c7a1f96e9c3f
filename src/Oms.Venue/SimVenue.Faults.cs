using Oms.Domain;
using Oms.Engine;
using Oms.Venue.Book;
using Oms.Venue.Market;
using Oms.Venue.Scheduling;

namespace Oms.Venue;

public sealed partial class SimVenue
{
    /// <summary>Decides, once per trade with an OMS side, whether it will be busted or corrected, and schedules that for each OMS side.</summary>
    private void DecideTradeFaults(int aggressor, IdToken aggressorFill, int passive, IdToken passiveFill, long qty, long price, long tick)
    {
        bool bust = _faultRandom.Chance(_faults.Bust);
        bool correct = !bust && _faultRandom.Chance(_faults.Correction);
        if (!bust && !correct)
        {
            return;
        }

        long corrected = price;
        if (correct)
        {
            // One tick away; down only when that stays positive.
            corrected = _faultRandom.Below(2) == 0 || price <= tick ? price + tick : price - tick;
        }

        TimerKind kind = bust ? TimerKind.Bust : TimerKind.Correction;
        if (!aggressorFill.IsNone)
        {
            ScheduleTradeFault(kind, aggressor, aggressorFill, qty, price, corrected);
        }

        if (!passiveFill.IsNone)
        {
            ScheduleTradeFault(kind, passive, passiveFill, qty, price, corrected);
        }
    }

    /// <summary>Schedules a bust or correction of one fill after the fill's report is due; the order's row is kept until then.</summary>
    private void ScheduleTradeFault(TimerKind kind, int index, IdToken fill, long qty, long price, long newPrice)
    {
        ref SimOrder o = ref _pool[index];
        o.Pins++;
        var timer = new VenueTimer { Kind = kind, Target = index, Generation = o.Generation, Qty = qty, Price = price, NewPrice = newPrice, ExecId = fill };
        // o.LastDue is at or after the fill's due time, so the bust always follows the fill it names.
        _timers.Push(o.LastDue + _options.BustDelayNanos, in timer);
    }

    private void ScheduleOrderTimer(TimerKind kind, int index, long at)
    {
        var timer = new VenueTimer { Kind = kind, Target = index, Generation = _pool[index].Generation };
        _timers.Push(at, in timer);
    }

    /// <summary>A GTD expiry or an injected unsolicited cancel: acts only if the order still rests.</summary>
    private void OnOrderTimer(in VenueTimer timer, long at)
    {
        ref SimOrder o = ref _pool[timer.Target];
        if (o.Generation != timer.Generation || o.State != SimOrderState.Resting)
        {
            return;
        }

        SimInstrument instrument = _instruments[o.Instrument];
        instrument.SideOf(o.IsBuy).Unlink(_pool, timer.Target);
        instrument.Dirty = true;
        bool expiry = timer.Kind == TimerKind.GtdExpiry;
        _counters.InjectedUnsolicitedCancelsValue += expiry ? 0 : 1;
        Close(timer.Target, expiry ? OrderStatus.Expired : OrderStatus.Canceled, at);
    }

    /// <summary>
    /// Busts a fill (see the class remarks): the order's record drops the trade; a resting order gets the
    /// quantity back as leaves; a filled order is closed with a Canceled report after the bust.
    /// </summary>
    private void OnBust(in VenueTimer timer, long at)
    {
        ref SimOrder o = ref Unpin(in timer);
        o.CumQty -= timer.Qty;
        o.Notional -= FixedPoint.Notional(timer.Price, timer.Qty);
        _counters.OmsFilledQtyValue -= timer.Qty;
        _counters.BoughtQtyValue -= timer.Qty;
        _counters.SoldQtyValue -= timer.Qty;
        _counters.InjectedBustsValue++;
        if (o.State == SimOrderState.Resting)
        {
            SimInstrument instrument = _instruments[o.Instrument];
            BookSide side = instrument.SideOf(o.IsBuy);
            side[side.IndexOf(o.Price)].Qty += timer.Qty;
            o.Leaves += timer.Qty;
            instrument.Dirty = true;
        }

        bool reopened = o.State == SimOrderState.Done && o.EndStatus == OrderStatus.Filled;
        if (reopened)
        {
            o.EndStatus = OrderStatus.Canceled;
        }

        OmsMessage bust = ReportFor(ref o, ExecType.TradeCancel);
        bust.ExecRefId = timer.ExecId;
        bust.LastQty = timer.Qty;
        bust.LastPx = timer.Price;
        Send(ref bust, ref o, at, fill: true);
        if (reopened)
        {
            // The OMS reopens a filled order on a bust; the venue no longer holds it, so it says so.
            _counters.BustClosesValue++;
            _counters.CanceledValue++;
            OmsMessage closed = ReportFor(ref o, ExecType.Canceled);
            Send(ref closed, ref o, at, fill: false);
        }

        ReleaseIfDone(timer.Target);
    }

    /// <summary>Corrects a fill to the price chosen when the trade happened (quantity unchanged).</summary>
    private void OnCorrection(in VenueTimer timer, long at)
    {
        ref SimOrder o = ref Unpin(in timer);
        o.Notional += FixedPoint.Notional(timer.NewPrice, timer.Qty) - FixedPoint.Notional(timer.Price, timer.Qty);
        _counters.InjectedCorrectionsValue++;
        OmsMessage correction = ReportFor(ref o, ExecType.TradeCorrect);
        correction.ExecRefId = timer.ExecId;
        correction.LastQty = timer.Qty;
        correction.LastPx = timer.NewPrice;
        Send(ref correction, ref o, at, fill: true);
        ReleaseIfDone(timer.Target);
    }

    private ref SimOrder Unpin(in VenueTimer timer)
    {
        ref SimOrder o = ref _pool[timer.Target];
        System.Diagnostics.Debug.Assert(o.Generation == timer.Generation && o.Pins > 0, "Invariant: a pinned row is not reused");
        o.Pins--;
        return ref o;
    }

    private void ReleaseIfDone(int index)
    {
        ref SimOrder o = ref _pool[index];
        if (o.State == SimOrderState.Done && o.Pins == 0)
        {
            _pool.Release(index);
        }
    }
}
