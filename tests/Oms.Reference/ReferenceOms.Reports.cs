using System.Numerics;
using Oms.Domain;
using Oms.Engine;
using Oms.Tables;

namespace Oms.Reference;

public sealed partial class ReferenceOms
{
    private static bool Live(OrderStatus s) => s is OrderStatus.PendingNew or OrderStatus.New or OrderStatus.PartiallyFilled
        or OrderStatus.PendingCancel or OrderStatus.PendingReplace or OrderStatus.Suspended or OrderStatus.DoneForDay;

    private static bool In(OrderStatus s, params OrderStatus[] set) => Array.IndexOf(set, s) >= 0;

    public static long Leaves(Order o) => Live(o.Status) ? Math.Max(0, o.Qty - o.Cum) : 0;

    public static long AvgPx(BigInteger notional, long qty)
    {
        if (qty == 0) { return 0; }
        decimal v = (decimal)notional / qty;
        return (long)Math.Round(v, MidpointRounding.AwayFromZero);
    }

    private Order? FindReported(OmsMessage m) => Find(m.ClOrdId) ?? Find(m.OrigClOrdId) ?? FindByVenueId(m.VenueId, m.VenueOrderId);

    private bool ValidVenue(OmsMessage m) => m.VenueId >= 1 && m.VenueId <= options.MaxVenues;

    private void Anomaly(RejectReason r) => Count(r);

    private void Report(OmsMessage m)
    {
        bool known = m.ExecType is ExecType.PendingNew or ExecType.New or ExecType.Trade or ExecType.PendingCancel
            or ExecType.Canceled or ExecType.PendingReplace or ExecType.Replaced or ExecType.Rejected or ExecType.Expired
            or ExecType.DoneForDay or ExecType.Suspended or ExecType.Restated or ExecType.TradeCancel or ExecType.TradeCorrect
            or ExecType.OrderStatus or ExecType.Stopped or ExecType.Calculated;
        if (!ValidVenue(m)) { Anomaly(RejectReason.InvalidVenue); return; }
        if (!known) { Anomaly(RejectReason.MalformedReport); return; }
        Order? o = FindReported(m);
        if (o is null) { Anomaly(RejectReason.UnknownOrderReport); return; }
        if (o.Venue != m.VenueId) { Anomaly(RejectReason.VenueMismatch); return; }
        if (m.InstrumentId != 0 && m.InstrumentId != o.Instrument) { Anomaly(RejectReason.InstrumentMismatch); return; }
        if (m.Side != Side.None && m.Side != o.Side && !(IsSell(m.Side) && IsSell(o.Side))) { Anomaly(RejectReason.SideMismatch); return; }
        if (!m.ExecId.IsNone && ExecIds(o).ContainsKey(m.ExecId)) { Duplicates++; Count(RejectReason.DuplicateExecId); return; }
        bool tradeLike = m.ExecType is ExecType.Trade or ExecType.TradeCancel or ExecType.TradeCorrect;
        if (tradeLike && m.ExecId.IsNone) { Anomaly(RejectReason.MalformedReport); return; }
        if (o.Status == OrderStatus.Denied) { Anomaly(RejectReason.InvalidTransition); return; }

        OrderStatus s = o.Status;
        switch (m.ExecType)
        {
            case ExecType.PendingNew:
                if (In(s, OrderStatus.PendingNew, OrderStatus.PendingCancel, OrderStatus.PendingReplace)) { Confirm(o, m); }
                else { Stale(); }
                break;
            case ExecType.New:
                if (s == OrderStatus.PendingNew) { Learn(o, m); o.Status = Working(o); Remember(o, m); }
                else if (In(s, OrderStatus.PendingCancel, OrderStatus.PendingReplace))
                {
                    Learn(o, m);
                    if (o.Previous == OrderStatus.PendingNew) { o.Previous = OrderStatus.New; }
                    Remember(o, m);
                }
                else if (s == OrderStatus.Rejected) { Anomaly(RejectReason.InvalidTransition); }
                else { Confirm(o, m); }
                break;
            case ExecType.Trade:
                TradeReport(o, m);
                break;
            case ExecType.PendingCancel:
                if (s == OrderStatus.PendingCancel) { Confirm(o, m); }
                else if (In(s, OrderStatus.PendingNew, OrderStatus.New, OrderStatus.PartiallyFilled))
                {
                    Learn(o, m); o.Previous = s; o.Status = OrderStatus.PendingCancel; Remember(o, m);
                }
                else if (In(s, OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired)) { Stale(); }
                else { Anomaly(RejectReason.InvalidTransition); }
                break;
            case ExecType.Canceled:
                Terminal(o, m, OrderStatus.Canceled, s == OrderStatus.Canceled, In(s, OrderStatus.Filled, OrderStatus.Expired));
                break;
            case ExecType.PendingReplace:
                if (s == OrderStatus.PendingReplace) { Confirm(o, m); }
                else { Anomaly(RejectReason.InvalidTransition); }
                break;
            case ExecType.Replaced:
                if (In(s, OrderStatus.PendingReplace, OrderStatus.Filled) && o.PendingQty > 0)
                {
                    Learn(o, m);
                    o.ClOrdId = o.PendingClOrdId;
                    o.Qty = o.PendingQty;
                    o.Price = o.PendingPrice;
                    o.StopPx = o.PendingStopPx;
                    ClearPending(o);
                    o.Overfilled = o.Cum > o.Qty;
                    o.Status = Working(o);
                    Remember(o, m);
                    if (o.Overfilled) { Anomaly(RejectReason.Overfill); }
                }
                else { Anomaly(RejectReason.InvalidTransition); }
                break;
            case ExecType.Rejected:
                if (In(s, OrderStatus.PendingNew, OrderStatus.PendingCancel)) { Learn(o, m); o.Status = OrderStatus.Rejected; ClearPending(o); Remember(o, m); }
                else if (s == OrderStatus.Rejected) { Confirm(o, m); }
                else { Anomaly(RejectReason.InvalidTransition); }
                break;
            case ExecType.Expired:
                Terminal(o, m, OrderStatus.Expired, s == OrderStatus.Expired, In(s, OrderStatus.Filled, OrderStatus.Canceled));
                break;
            case ExecType.DoneForDay:
                if (In(s, OrderStatus.PendingNew, OrderStatus.New, OrderStatus.PartiallyFilled)) { Learn(o, m); o.Status = OrderStatus.DoneForDay; Remember(o, m); }
                else if (s == OrderStatus.DoneForDay) { Confirm(o, m); }
                else if (In(s, OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired)) { Stale(); }
                else { Anomaly(RejectReason.InvalidTransition); }
                break;
            case ExecType.Suspended:
                if (In(s, OrderStatus.New, OrderStatus.PartiallyFilled)) { Learn(o, m); o.Status = OrderStatus.Suspended; Remember(o, m); }
                else if (s == OrderStatus.Suspended) { Confirm(o, m); }
                else { Anomaly(RejectReason.InvalidTransition); }
                break;
            case ExecType.Restated:
                if (In(s, OrderStatus.PendingNew, OrderStatus.New, OrderStatus.PartiallyFilled, OrderStatus.Suspended, OrderStatus.DoneForDay))
                {
                    Learn(o, m);
                    if (m.OrderQty > 0) { o.Qty = m.OrderQty; }
                    if (m.Price > 0) { o.Price = m.Price; }
                    if (s == OrderStatus.Suspended && (m.OrdStatus == OrderStatus.New || m.OrdStatus == OrderStatus.PartiallyFilled)) { o.Status = OrderStatus.New; }
                    FillsChanged(o);
                    Remember(o, m);
                    if (o.Cum > o.Qty) { Anomaly(RejectReason.Overfill); }
                }
                else { Anomaly(RejectReason.InvalidTransition); }
                break;
            case ExecType.TradeCancel:
            case ExecType.TradeCorrect:
                BustOrCorrect(o, m);
                break;
            case ExecType.OrderStatus:
            case ExecType.Calculated:
                Confirm(o, m);
                break;
            case ExecType.Stopped:
                if (In(s, OrderStatus.New, OrderStatus.PartiallyFilled, OrderStatus.PendingCancel, OrderStatus.PendingReplace)) { Confirm(o, m); }
                else { Anomaly(RejectReason.InvalidTransition); }
                break;
        }
    }

    private void Terminal(Order o, OmsMessage m, OrderStatus to, bool confirm, bool stale)
    {
        bool from = In(o.Status, OrderStatus.PendingNew, OrderStatus.New, OrderStatus.PartiallyFilled, OrderStatus.PendingCancel,
            OrderStatus.PendingReplace, OrderStatus.Suspended, OrderStatus.DoneForDay);
        if (from) { Learn(o, m); o.Status = to; ClearPending(o); Remember(o, m); }
        else if (confirm) { Confirm(o, m); }
        else if (stale) { Stale(); }
        else { Anomaly(RejectReason.InvalidTransition); }
    }

    private void TradeReport(Order o, OmsMessage m)
    {
        OrderStatus s = o.Status;
        bool normal = In(s, OrderStatus.PendingNew, OrderStatus.New, OrderStatus.PartiallyFilled, OrderStatus.Suspended, OrderStatus.DoneForDay, OrderStatus.Filled);
        bool pending = In(s, OrderStatus.PendingCancel, OrderStatus.PendingReplace);
        bool late = In(s, OrderStatus.Canceled, OrderStatus.Expired, OrderStatus.Rejected);
        if (!normal && !pending && !late) { Anomaly(RejectReason.InvalidTransition); return; }
        if (m.LastQty <= 0 || m.LastPx <= 0) { Anomaly(RejectReason.MalformedReport); return; }
        Learn(o, m);
        var fill = new Fill { Order = o, Qty = m.LastQty, Price = m.LastPx, Fee = m.Fee };
        ExecIds(o)[m.ExecId] = fill;
        o.Cum += fill.Qty;
        o.Notional += (BigInteger)fill.Price * fill.Qty;
        foreach (Position p in (Position[])[o.AccountPosition!, o.StrategyPosition!])
        {
            p.Fills.Add(fill);
            Trade(p, fill.Signed, fill.Price, fill.Fee);
        }

        Fills++;
        if (pending && o.Previous == OrderStatus.PendingNew)
        {
            o.Previous = OrderStatus.New; // a fill proves the venue holds the order, as an ack would
        }

        if (!late)
        {
            bool full = o.Cum >= o.Qty;
            if (full) { o.Status = OrderStatus.Filled; }
            else if (pending || s is OrderStatus.DoneForDay or OrderStatus.Suspended) { o.Status = s; }
            else { o.Status = OrderStatus.PartiallyFilled; }
        }

        if (s == OrderStatus.Rejected) { Anomaly(RejectReason.FillAfterReject); }
        if (o.Cum > o.Qty) { o.Overfilled = true; Anomaly(RejectReason.Overfill); }
    }

    private void BustOrCorrect(Order o, OmsMessage m)
    {
        bool allowed = In(o.Status, OrderStatus.New, OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.PendingCancel, OrderStatus.PendingReplace,
            OrderStatus.Canceled, OrderStatus.Expired, OrderStatus.DoneForDay, OrderStatus.Suspended, OrderStatus.Rejected);
        if (!allowed) { Anomaly(RejectReason.InvalidTransition); return; }
        bool correct = m.ExecType == ExecType.TradeCorrect;
        if (correct && (m.LastQty <= 0 || m.LastPx <= 0)) { Anomaly(RejectReason.MalformedReport); return; }
        Fill? f = ExecIds(o).GetValueOrDefault(m.ExecRefId);
        if (m.ExecRefId.IsNone || f is null || f.Order != o) { Anomaly(RejectReason.UnknownExecRef); return; }
        if (f.State != FillState.Active) { Anomaly(RejectReason.ExecRefNotActive); return; }
        if (o.Cum - f.Qty < 0) { Anomaly(RejectReason.NegativeCumQty); return; }

        Learn(o, m);
        o.Cum -= f.Qty;
        o.Notional -= (BigInteger)f.Price * f.Qty;
        f.State = correct ? FillState.Corrected : FillState.Busted;
        Fill? replacement = null;
        if (correct)
        {
            replacement = new Fill { Order = o, Qty = m.LastQty, Price = m.LastPx, Fee = m.Fee };
            ExecIds(o)[m.ExecId] = replacement;
            o.Cum += replacement.Qty;
            o.Notional += (BigInteger)replacement.Price * replacement.Qty;
            Fills++;
        }
        else
        {
            Remember(o, m);
        }

        // The position is what it would be had the busted fill never happened (or the corrected one been right).
        foreach (Position p in (Position[])[o.AccountPosition!, o.StrategyPosition!])
        {
            if (replacement is not null)
            {
                p.Fills.Insert(p.Fills.IndexOf(f) + 1, replacement);
            }

            Rebuild(p);
        }

        FillsChanged(o);
        if (correct && o.Cum > o.Qty) { Anomaly(RejectReason.Overfill); }
    }

    private void FillsChanged(Order o)
    {
        o.Overfilled = o.Cum > o.Qty;
        if (In(o.Status, OrderStatus.Filled, OrderStatus.PartiallyFilled, OrderStatus.New))
        {
            o.Status = Working(o);
            // Filled while a cancel/replace was out, then busted: the request is still out.
            if (o.Status != OrderStatus.Filled && !o.PendingClOrdId.IsNone)
            {
                o.Status = o.PendingQty > 0 ? OrderStatus.PendingReplace : OrderStatus.PendingCancel;
            }
        }
        else if (Live(o.Status) && o.Cum >= o.Qty) { o.Status = OrderStatus.Filled; }
    }

    private void CancelReject(OmsMessage m)
    {
        if (!ValidVenue(m)) { Anomaly(RejectReason.InvalidVenue); return; }
        Order? o = FindReported(m);
        if (o is null) { Anomaly(RejectReason.UnknownOrderReport); return; }
        if (o.Venue != m.VenueId) { Anomaly(RejectReason.VenueMismatch); return; }
        bool cancel = m.CxlRejResponseTo switch
        {
            CxlRejResponseTo.CancelRequest => true,
            CxlRejResponseTo.ReplaceRequest => false,
            _ => o.PendingQty <= 0,
        };
        OrderStatus s = o.Status;
        OrderStatus pendingState = cancel ? OrderStatus.PendingCancel : OrderStatus.PendingReplace;
        bool drop = cancel
            ? In(s, OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired, OrderStatus.Rejected, OrderStatus.New,
                OrderStatus.PartiallyFilled, OrderStatus.DoneForDay, OrderStatus.Suspended)
            : In(s, OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired, OrderStatus.New, OrderStatus.PartiallyFilled,
                OrderStatus.DoneForDay, OrderStatus.Suspended);
        if (s == pendingState)
        {
            Learn(o, m);
            o.Status = o.Previous is OrderStatus.New or OrderStatus.PartiallyFilled ? Working(o) : o.Previous;
            ClearPending(o);
        }
        else if (drop)
        {
            Learn(o, m);
            ClearPending(o);
        }
        else
        {
            Anomaly(RejectReason.InvalidTransition);
        }
    }

    private static OrderStatus Working(Order o) =>
        o.Cum >= o.Qty ? OrderStatus.Filled : o.Cum > 0 ? OrderStatus.PartiallyFilled : OrderStatus.New;

    private static void ClearPending(Order o)
    {
        o.PendingClOrdId = IdToken.None;
        o.PendingQty = o.PendingPrice = o.PendingStopPx = 0;
    }

    private void Confirm(Order o, OmsMessage m)
    {
        Learn(o, m);
        Remember(o, m);
    }

    private void Stale() => Count(RejectReason.StaleReport);

    private void Learn(Order o, OmsMessage m)
    {
        if (m.VenueOrderId.IsNone || m.VenueOrderId == o.VenueOrderId) { return; }
        Dictionary<IdToken, Order> ids = _byVenueId.Of(o.Venue);
        // A done order's OrderID may be given again: it then names the new order. A live order keeps its own, and the venue's giving it to another is flagged.
        if (!ids.TryGetValue(m.VenueOrderId, out Order? holder) || holder == o || holder.Status is OrderStatus.Filled
            or OrderStatus.Canceled or OrderStatus.Rejected or OrderStatus.Expired or OrderStatus.Denied)
        {
            ids[m.VenueOrderId] = o;
        }
        else
        {
            Anomaly(RejectReason.VenueOrderIdInUse);
        }

        o.VenueOrderId = m.VenueOrderId;
    }

    private void Remember(Order o, OmsMessage m)
    {
        if (!m.ExecId.IsNone) { ExecIds(o)[m.ExecId] = null; }
    }

    private static void Rebuild(Position p)
    {
        p.Net = p.Bought = p.Sold = 0;
        p.Cost = p.Realized = p.Fees = 0;
        foreach (Fill f in p.Fills)
        {
            if (f.State == FillState.Active)
            {
                Trade(p, f.Signed, f.Price, f.Fee);
            }
        }
    }

    /// <summary>Average-cost position keeping, the textbook way, in exact integers.</summary>
    private static void Trade(Position p, long signedQty, long price, long fee)
    {
        p.Fees += fee;
        if (signedQty > 0) { p.Bought += signedQty; } else { p.Sold += -signedQty; }
        if (p.Net == 0 || Math.Sign(p.Net) == Math.Sign(signedQty))
        {
            p.Cost += (BigInteger)price * signedQty;
            p.Net += signedQty;
            return;
        }

        long closing = Math.Min(Math.Abs(p.Net), Math.Abs(signedQty));
        BigInteger removed = BigInteger.Divide(p.Cost * closing, Math.Abs(p.Net)); // truncates toward zero
        p.Realized += (BigInteger)price * closing * Math.Sign(p.Net) - removed;
        p.Cost -= removed;
        long before = p.Net;
        p.Net += signedQty;
        if (Math.Sign(p.Net) != 0 && Math.Sign(p.Net) != Math.Sign(before))
        {
            p.Cost = (BigInteger)price * p.Net; // flipped: the rest opens at the trade price
        }
    }

    // Every sell is a sell for positions; a venue may report a short sale as a plain one.
    private static bool IsSell(Side side) => side is Side.Sell or Side.SellShort or Side.SellShortExempt;
}
