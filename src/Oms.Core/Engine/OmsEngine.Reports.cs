using Oms.Domain;
using Oms.Lifecycle;
using Oms.Tables;

namespace Oms.Engine;

public sealed partial class OmsEngine
{
    private void OnExecutionReport(in OmsMessage m)
    {
        if (!IsVenue(m.VenueId))
        {
            Ignore(in m, -1, RejectReason.InvalidVenue);
            return;
        }

        if (!OrderStateMachine.TryMap(m.ExecType, out LifecycleEvent ev))
        {
            // The order, if this venue's, tells its owner; another venue's order is none of this report's business.
            int named = FindReportedOrder(in m);
            Ignore(in m, named >= 0 && _orders.Flags[named].Venue == m.VenueId ? named : -1, RejectReason.MalformedReport);
            return;
        }

        int slot = FindReportedOrder(in m);
        if (slot < 0)
        {
            Ignore(in m, -1, RejectReason.UnknownOrderReport);
            return;
        }

        if (_orders.Flags[slot].Venue != m.VenueId)
        {
            Ignore(in m, slot, RejectReason.VenueMismatch);
            return;
        }

        // A producer that read the report's values at an instrument's scales names it; 0 names none. The order's
        // instrument comes from its position rows, which every report reads anyway (see StrategyOf).
        if (m.InstrumentId != 0 && m.InstrumentId != InstrumentOf(slot))
        {
            Ignore(in m, slot, RejectReason.InstrumentMismatch);
            return;
        }

        // A report repeats its order's side (54); 0 says none. One that contradicts it is not about this order.
        if (m.Side != Side.None && !m.Side.AgreesWith(_orders.Flags[slot].Side))
        {
            Ignore(in m, slot, RejectReason.SideMismatch);
            return;
        }

        // ExecIDs are each venue's own: a duplicate is the same ExecID from the venue that holds the order.
        if (!m.ExecId.IsNone && _fills.Contains(m.ExecId, _orders.Flags[slot].Venue))
        {
            _counters.DuplicatesValue++;
            _counters.Count(RejectReason.DuplicateExecId);
            // Counted and visible to the operator; the strategy sees nothing because nothing changed.
            PublishAnomaly(in m, slot, RejectReason.DuplicateExecId);
            return;
        }

        bool tradeLike = ev is LifecycleEvent.Trade or LifecycleEvent.TradeCancel or LifecycleEvent.TradeCorrect;
        if (tradeLike && m.ExecId.IsNone)
        {
            // Without an ExecID a redelivery could not be recognised: refuse rather than risk counting it twice.
            Ignore(in m, slot, RejectReason.MalformedReport);
            return;
        }

        ApplyTransition(in m, slot, ev);
    }

    private void OnCancelReject(in OmsMessage m)
    {
        if (!IsVenue(m.VenueId))
        {
            Ignore(in m, -1, RejectReason.InvalidVenue);
            return;
        }

        int slot = FindReportedOrder(in m);
        if (slot < 0)
        {
            Ignore(in m, -1, RejectReason.UnknownOrderReport);
            return;
        }

        if (_orders.Flags[slot].Venue != m.VenueId)
        {
            Ignore(in m, slot, RejectReason.VenueMismatch);
            return;
        }

        LifecycleEvent ev = m.CxlRejResponseTo switch
        {
            CxlRejResponseTo.CancelRequest => LifecycleEvent.CancelReject,
            CxlRejResponseTo.ReplaceRequest => LifecycleEvent.ReplaceReject,
            // Tag 434 missing: infer from what is in flight (a replace carries a quantity, a cancel does not).
            _ => _orders.PendingQty[slot] > 0 ? LifecycleEvent.ReplaceReject : LifecycleEvent.CancelReject,
        };
        ApplyTransition(in m, slot, ev);
    }

    /// <summary>
    /// The row a report is about: by ClOrdID, then OrigClOrdID (ours, unique across venues), then the OrderID
    /// the reporting venue assigned (each venue's own, so looked up within <see cref="OmsMessage.VenueId"/>);
    /// -1 when none. A row found by ClOrdID may belong to another venue: the caller checks.
    /// </summary>
    private int FindReportedOrder(in OmsMessage m)
    {
        if (_orders.TryFindByClOrdId(m.ClOrdId, out int slot)
            || _orders.TryFindByClOrdId(m.OrigClOrdId, out slot)
            || _orders.TryFindByVenueOrderId(m.VenueId, m.VenueOrderId, out slot))
        {
            return slot;
        }

        return -1;
    }

    private void ApplyTransition(in OmsMessage m, int slot, LifecycleEvent ev)
    {
        OrderStatus status = _orders.Flags[slot].Status;
        Transition t = OrderStateMachine.Transition(status, ev);
        switch (t.Action)
        {
            case TransitionAction.Invalid:
                Ignore(in m, slot, t.Reason);
                return;
            case TransitionAction.Stale:
                _counters.StaleValue++;
                Ignore(in m, slot, RejectReason.StaleReport);
                return;
            case TransitionAction.Confirm:
                _counters.ConfirmationsValue++;
                LearnVenueOrderId(in m, slot);
                RememberExecId(in m, slot);
                return;
        }

        // Validate everything the action needs before touching state.
        int refFill = -1;
        RejectReason invalid = t.Action switch
        {
            // A trade needs a quantity and a price above zero: the engine takes orders at positive prices only
            // (InvalidPrice), so a fill at zero or below (a venue's missing LastPx read as 0) would book a trade
            // no order could make, and realize PnL that never was.
            TransitionAction.Fill or TransitionAction.FillWhilePending or TransitionAction.FillLate
                => m.LastQty > 0 && m.LastPx > 0 && TradeFits(slot, m.LastQty, m.LastQty) ? RejectReason.None : RejectReason.MalformedReport,
            TransitionAction.Bust => CheckExecRef(in m, slot, out refFill),
            TransitionAction.Correct => m.LastQty <= 0 || m.LastPx <= 0 ? RejectReason.MalformedReport : CheckCorrection(in m, slot, out refFill),
            TransitionAction.CompleteReplace => _orders.PendingQty[slot] > 0 ? RejectReason.None : RejectReason.InvalidTransition,
            _ => RejectReason.None,
        };
        if (invalid != RejectReason.None)
        {
            Ignore(in m, slot, invalid);
            return;
        }

        LearnVenueOrderId(in m, slot);
        _orders.Updated[slot] = m.Timestamp;
        switch (t.Action)
        {
            case TransitionAction.Move:
                Move(in m, slot, t.Target);
                break;
            case TransitionAction.Work:
                _orders.Flags[slot].Status = WorkingStatus(slot);
                _counters.AcceptedValue++;
                RememberExecId(in m, slot);
                Emit(in m, slot, EventKind.Accepted, RejectReason.None);
                break;
            case TransitionAction.AckWhilePending:
                RememberExecId(in m, slot);
                if (_orders.Flags[slot].PreviousStatus != OrderStatus.PendingNew)
                {
                    // Acknowledged before (or a fill proved it): a repeated ack is an echo.
                    _counters.ConfirmationsValue++;
                    break;
                }

                _orders.Flags[slot].PreviousStatus = OrderStatus.New;
                _counters.AcceptedValue++;
                Emit(in m, slot, EventKind.Accepted, RejectReason.None);
                break;
            case TransitionAction.Fill:
            case TransitionAction.FillWhilePending:
            case TransitionAction.FillLate:
                ApplyFill(in m, slot, t.Action);
                break;
            case TransitionAction.BeginCancel:
                // Unsolicited pending cancel: the venue or another session asked for it.
                _orders.Flags[slot].PreviousStatus = status;
                _orders.Flags[slot].Status = OrderStatus.PendingCancel;
                RememberExecId(in m, slot);
                Emit(in m, slot, EventKind.PendingCancel, RejectReason.None);
                break;
            case TransitionAction.CompleteReplace:
                CompleteReplace(in m, slot);
                break;
            case TransitionAction.RestorePrevious:
            case TransitionAction.DropPending:
                EndPendingRequest(in m, slot, ev, t.Action == TransitionAction.RestorePrevious);
                break;
            case TransitionAction.Bust:
                Bust(in m, slot, refFill);
                break;
            case TransitionAction.Correct:
                Correct(in m, slot, refFill);
                break;
            case TransitionAction.Restate:
                Restate(in m, slot);
                break;
        }

        // An order that ends leaves the live count (its list entry goes lazily, see LiveOrderLists). A bust, or a
        // replace raising the quantity of an order that filled meanwhile, brings a filled order back to life: it
        // belongs in its strategy's live list again. A row that was live before is listed already (rows leave the
        // list only once they have ended), so only a revival needs the list's line.
        OrderStatus now = _orders.Flags[slot].Status;
        if (now != status && status.IsLive() != now.IsLive())
        {
            if (status.IsLive())
            {
                _liveOrders--;
            }
            else
            {
                _liveOrders++;
                _orders.TrackLive(slot);
            }
        }
    }

    private void Move(in OmsMessage m, int slot, OrderStatus target)
    {
        _orders.Flags[slot].Status = target;
        EventKind kind;
        switch (target)
        {
            case OrderStatus.Canceled:
                kind = EventKind.Canceled;
                _counters.CanceledValue++;
                ClearPending(slot);
                break;
            case OrderStatus.Expired:
                kind = EventKind.Expired;
                _counters.ExpiredValue++;
                ClearPending(slot);
                break;
            case OrderStatus.Rejected:
                kind = EventKind.Rejected;
                _counters.RejectedValue++;
                ClearPending(slot);
                break;
            case OrderStatus.DoneForDay:
                kind = EventKind.DoneForDay;
                break;
            default:
                kind = EventKind.Suspended;
                break;
        }

        RememberExecId(in m, slot);
        Emit(in m, slot, kind, target == OrderStatus.Rejected ? RejectReason.VenueRejected : RejectReason.None);
    }

    private void ApplyFill(in OmsMessage m, int slot, TransitionAction action)
    {
        OrderStatus before = _orders.Flags[slot].Status;
        int fill = _fills.Record(m.ExecId, _orders.Flags[slot].Venue, slot, _orders.Flags[slot].Side, m.LastQty, m.LastPx, m.Fee);
        AddFill(slot, fill, m.LastQty, m.LastPx, m.Fee);
        _counters.FillsValue++;
        if (action == TransitionAction.FillWhilePending && _orders.Flags[slot].PreviousStatus == OrderStatus.PendingNew)
        {
            // A fill proves the venue holds the order, as an ack would: a rejected cancel then restores what
            // the fills imply (as a fill on PendingNew does), never PendingNew with a CumQty.
            _orders.Flags[slot].PreviousStatus = OrderStatus.New;
        }

        if (action != TransitionAction.FillLate)
        {
            bool full = _orders.Quantities[slot].IsFilled;
            _orders.Flags[slot].Status = full ? OrderStatus.Filled
                : action == TransitionAction.FillWhilePending || before is OrderStatus.DoneForDay or OrderStatus.Suspended ? before
                : OrderStatus.PartiallyFilled;
        }

        Emit(in m, slot, EventKind.Filled, RejectReason.None);
        if (fill < 0)
        {
            RaiseAnomaly(in m, slot, RejectReason.FillCapacity);
        }

        if (before == OrderStatus.Rejected)
        {
            RaiseAnomaly(in m, slot, RejectReason.FillAfterReject);
        }

        if (_orders.Quantities[slot].IsOverfilled)
        {
            _orders.Flags[slot].Overfilled = true;
            RaiseAnomaly(in m, slot, RejectReason.Overfill);
        }
    }

    private RejectReason CheckExecRef(in OmsMessage m, int slot, out int fill)
    {
        fill = _fills.Find(m.ExecRefId, _orders.Flags[slot].Venue);
        if (fill < 0 || _fills.SlotOf(fill) != slot)
        {
            return RejectReason.UnknownExecRef;
        }

        if (_fills.StateOf(fill) != FillState.Active)
        {
            return RejectReason.ExecRefNotActive;
        }

        return _orders.Quantities[slot].CumQty - _fills.QtyOf(fill) < 0 ? RejectReason.NegativeCumQty : RejectReason.None;
    }

    private RejectReason CheckCorrection(in OmsMessage m, int slot, out int fill)
    {
        RejectReason reason = CheckExecRef(in m, slot, out fill);
        if (reason != RejectReason.None)
        {
            return reason;
        }

        // The corrected quantity replaces the old one in the order; the positions are held to it as if added.
        return TradeFits(slot, m.LastQty - _fills.QtyOf(fill), m.LastQty) ? RejectReason.None : RejectReason.MalformedReport;
    }

    /// <summary>
    /// False when adding <paramref name="cumQtyChange"/> to the order's CumQty, or a trade of
    /// <paramref name="positionQty"/> to either of its position rows, would overflow: a garbled quantity is
    /// refused before it can wrap a total.
    /// </summary>
    private bool TradeFits(int slot, long cumQtyChange, long positionQty)
    {
        PositionRows rows = _orders.Positions[slot];
        return cumQtyChange <= long.MaxValue - _orders.Quantities[slot].CumQty
            && _positions.TradeFits(rows.Account, positionQty)
            && _positions.TradeFits(rows.Strategy, positionQty);
    }

    private void Bust(in OmsMessage m, int slot, int fill)
    {
        long qty = _fills.QtyOf(fill);
        long price = _fills.PriceOf(fill);
        _orders.Quantities[slot].CumQty -= qty;
        _orders.Notional[slot] -= FixedPoint.Notional(price, qty);
        _fills.SetState(fill, FillState.Busted);
        Rebook(_orders.Positions[slot].Account, fill, isCorrection: false, -1, in m);
        Rebook(_orders.Positions[slot].Strategy, fill, isCorrection: false, -1, in m);
        RememberExecId(in m, slot);
        _counters.BustsValue++;
        AfterFillsChanged(slot);
        Emit(in m, slot, EventKind.TradeBusted, RejectReason.None, lastQty: -qty, lastPx: price);
    }

    private void Correct(in OmsMessage m, int slot, int fill)
    {
        long oldQty = _fills.QtyOf(fill);
        _orders.Quantities[slot].CumQty += m.LastQty - oldQty;
        _orders.Notional[slot] += FixedPoint.Notional(m.LastPx, m.LastQty) - FixedPoint.Notional(_fills.PriceOf(fill), oldQty);
        _fills.SetState(fill, FillState.Corrected);
        int corrected = _fills.Record(m.ExecId, _orders.Flags[slot].Venue, slot, _orders.Flags[slot].Side, m.LastQty, m.LastPx, m.Fee);
        if (corrected >= 0)
        {
            _fills.TakePlaceOf(corrected, fill);
        }

        Rebook(_orders.Positions[slot].Account, fill, isCorrection: true, corrected, in m);
        Rebook(_orders.Positions[slot].Strategy, fill, isCorrection: true, corrected, in m);
        _counters.FillsValue++;
        _counters.CorrectionsValue++;
        AfterFillsChanged(slot);
        Emit(in m, slot, EventKind.TradeCorrected, RejectReason.None);
        if (corrected < 0)
        {
            RaiseAnomaly(in m, slot, RejectReason.FillCapacity);
        }

        if (_orders.Quantities[slot].IsOverfilled)
        {
            RaiseAnomaly(in m, slot, RejectReason.Overfill);
        }
    }

    /// <summary>A new fill: the order's CumQty and notional, and both positions (chained for later rebuilds).</summary>
    private void AddFill(int slot, int fill, long qty, long price, long fee)
    {
        _orders.Quantities[slot].CumQty += qty;
        _orders.Notional[slot] = Int128Ops.Add(_orders.Notional[slot], FixedPoint.Notional(price, qty));
        long signed = _orders.Flags[slot].Side == Side.Buy ? qty : -qty;
        PositionRows rows = _orders.Positions[slot];
        foreach (int row in (ReadOnlySpan<int>)[rows.Account, rows.Strategy])
        {
            if (fill >= 0)
            {
                _positions.LinkFill(row, _fills, fill);
            }
            else
            {
                _positions.Incomplete[row] = true;
            }

            _positions.ApplyTrade(row, signed, price, fee);
        }
    }

    /// <summary>
    /// A position after a bust or a correction of <paramref name="fill"/>: rebuilt from its chain of active
    /// fills, the correction (recorded as <paramref name="correction"/>, -1 if the store was full) taking the
    /// corrected fill's place. A row missing a fill cannot be rebuilt; it books the opposite of the old fill
    /// (and the corrected fill, from the report <paramref name="m"/>) instead.
    /// </summary>
    private void Rebook(int row, int fill, bool isCorrection, int correction, in OmsMessage m)
    {
        if (isCorrection && correction < 0)
        {
            _positions.Incomplete[row] = true;
        }

        if (_positions.Incomplete[row])
        {
            long signed = _fills.SignedQtyOf(fill);
            _positions.ApplyTrade(row, -signed, _fills.PriceOf(fill), -_fills.FeeOf(fill));
            if (isCorrection)
            {
                _positions.ApplyTrade(row, Math.Sign(signed) * m.LastQty, m.LastPx, m.Fee);
            }

            return;
        }

        if (correction >= 0)
        {
            _positions.LinkCorrection(row, _fills, correction, fill);
        }

        _positions.Recompute(row, _fills, changed: fill);
    }

    /// <summary>
    /// After a bust, correction or restatement: a filled or working order's status follows its fills again
    /// (back to pending if it filled while a cancel/replace was in flight and that request is still out),
    /// and any other live order that is now fully filled is Filled (a live order always has leaves).
    /// </summary>
    private void AfterFillsChanged(int slot)
    {
        _orders.Flags[slot].Overfilled = _orders.Quantities[slot].IsOverfilled;
        OrderStatus status = _orders.Flags[slot].Status;
        if (status is OrderStatus.Filled or OrderStatus.PartiallyFilled or OrderStatus.New)
        {
            OrderStatus working = WorkingStatus(slot);
            _orders.Flags[slot].Status = working == OrderStatus.Filled || _orders.PendingClOrdId[slot].IsNone ? working
                : _orders.PendingQty[slot] > 0 ? OrderStatus.PendingReplace : OrderStatus.PendingCancel;
        }
        else if (status.IsLive() && _orders.Quantities[slot].IsFilled)
        {
            _orders.Flags[slot].Status = OrderStatus.Filled;
        }

    }

    private void CompleteReplace(in OmsMessage m, int slot)
    {
        _orders.ClOrdId[slot] = _orders.PendingClOrdId[slot];
        _orders.Quantities[slot].OrderQty = _orders.PendingQty[slot];
        _orders.Price[slot] = _orders.PendingPrice[slot];
        _orders.StopPx[slot] = _orders.PendingStopPx[slot];
        ClearPending(slot);
        _orders.Flags[slot].Overfilled = _orders.Quantities[slot].IsOverfilled;
        _orders.Flags[slot].Status = WorkingStatus(slot);
        _counters.ReplacedValue++;
        RememberExecId(in m, slot);
        Emit(in m, slot, EventKind.Replaced, RejectReason.None);
        FlagIfOverfilled(in m, slot);
    }

    private void EndPendingRequest(in OmsMessage m, int slot, LifecycleEvent ev, bool restore)
    {
        if (!restore && _orders.PendingClOrdId[slot].IsNone)
        {
            // Nothing is in flight any more (the reject was already applied, or the order moved on): an echo.
            _counters.ConfirmationsValue++;
            return;
        }

        if (restore)
        {
            OrderStatus previous = _orders.Flags[slot].PreviousStatus;
            _orders.Flags[slot].Status = previous is OrderStatus.New or OrderStatus.PartiallyFilled ? WorkingStatus(slot) : previous;
        }

        ClearPending(slot);
        RememberExecId(in m, slot);
        bool cancel = ev == LifecycleEvent.CancelReject;
        Emit(in m, slot, cancel ? EventKind.CancelRejected : EventKind.ReplaceRejected,
            cancel ? RejectReason.VenueCancelRejected : RejectReason.VenueReplaceRejected);
    }

    private void Restate(in OmsMessage m, int slot)
    {
        if (m.OrderQty > 0)
        {
            _orders.Quantities[slot].OrderQty = m.OrderQty;
        }

        if (m.Price > 0)
        {
            _orders.Price[slot] = m.Price;
        }

        // A restatement can lift a suspension (the venue states the order works again).
        if (_orders.Flags[slot].Status == OrderStatus.Suspended && m.OrdStatus is OrderStatus.New or OrderStatus.PartiallyFilled)
        {
            _orders.Flags[slot].Status = OrderStatus.New;
        }

        AfterFillsChanged(slot);
        RememberExecId(in m, slot);
        Emit(in m, slot, EventKind.Restated, RejectReason.None);
        FlagIfOverfilled(in m, slot);
    }

    /// <summary>A replace or restatement below the filled quantity: the order is Filled and overfilled, flagged.</summary>
    private void FlagIfOverfilled(in OmsMessage m, int slot)
    {
        if (_orders.Quantities[slot].IsOverfilled)
        {
            RaiseAnomaly(in m, slot, RejectReason.Overfill);
        }
    }

    private OrderStatus WorkingStatus(int slot)
    {
        long cum = _orders.Quantities[slot].CumQty;
        return cum >= _orders.Quantities[slot].OrderQty ? OrderStatus.Filled : cum > 0 ? OrderStatus.PartiallyFilled : OrderStatus.New;
    }

    private void ClearPending(int slot)
    {
        _orders.PendingClOrdId[slot] = IdToken.None;
        _orders.PendingQty[slot] = 0;
        _orders.PendingPrice[slot] = 0;
        _orders.PendingStopPx[slot] = 0;
    }

    private void LearnVenueOrderId(in OmsMessage m, int slot)
    {
        if (!_orders.SetVenueOrderId(slot, m.VenueOrderId))
        {
            RaiseAnomaly(in m, slot, RejectReason.VenueOrderIdInUse);
        }
    }

    private void RememberExecId(in OmsMessage m, int slot)
    {
        if (!m.ExecId.IsNone && !_fills.RememberExecId(m.ExecId, _orders.Flags[slot].Venue))
        {
            RaiseAnomaly(in m, slot, RejectReason.FillCapacity);
        }
    }
}
