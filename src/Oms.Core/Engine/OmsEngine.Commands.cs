using Oms.Domain;
using Oms.Lifecycle;
using Oms.Tables;

namespace Oms.Engine;

public sealed partial class OmsEngine
{
    private void OnNewOrder(in OmsMessage m)
    {
        if ((uint)(m.StrategyId - 1) >= (uint)_options.MaxStrategies)
        {
            // No stream to answer on: the operator sees it.
            _counters.DeniedValue++;
            RaiseAnomaly(in m, -1, RejectReason.InvalidStrategy);
            return;
        }

        RejectReason idReason = CheckNewClOrdId(in m);
        RejectReason noRow = idReason != RejectReason.None ? idReason
            : _orders.IsFull ? RejectReason.OrderCapacity
            // Its own id, and its cancel's on top of one for each order live now.
            : !_orders.HasIdRoom(2 + CancelReserve) ? RejectReason.IdCapacity
            : RejectReason.None;
        if (noRow != RejectReason.None)
        {
            _counters.DeniedValue++;
            _counters.Count(noRow);
            EmitWithoutRow(in m, EventKind.Denied, noRow);
            return;
        }

        int slot = _orders.Allocate(m.ClOrdId);
        _orders.Strategy[slot] = m.StrategyId;
        _orders.Account[slot] = m.AccountId;
        _orders.Instrument[slot] = m.InstrumentId;
        _orders.Flags[slot].Venue = m.VenueId;
        _orders.Flags[slot].Side = m.Side;
        _orders.Type[slot] = m.OrderType;
        _orders.Tif[slot] = m.TimeInForce;
        _orders.ExpireTime[slot] = m.ExpireTime;
        _orders.Quantities[slot].OrderQty = m.OrderQty;
        _orders.Price[slot] = m.Price;
        _orders.StopPx[slot] = m.StopPx;
        _orders.Created[slot] = m.Timestamp;
        _orders.Updated[slot] = m.Timestamp;
        _orders.Positions[slot] = PositionRows.None;

        RejectReason reason = ValidateNewOrder(in m);
        if (reason == RejectReason.None)
        {
            bool rows = _positions.TryGetOrAddPair(m.AccountId, m.StrategyId, m.InstrumentId, out _orders.Positions[slot]);
            reason = !rows ? RejectReason.PositionCapacity
                : !_venueQueues[m.VenueId].HasRoomFor(1) ? RejectReason.VenueBackPressure
                : RejectReason.None;
        }

        if (reason != RejectReason.None)
        {
            _orders.Flags[slot].Status = OrderStatus.Denied;
            _counters.DeniedValue++;
            _counters.Count(reason);
            Emit(in m, slot, EventKind.Denied, reason);
            return;
        }

        _orders.Flags[slot].Status = OrderStatus.PendingNew;
        _liveOrders++;
        _orders.TrackLive(slot);
        _counters.SubmittedValue++;
        SendToVenue(slot, VenueCommandKind.New, m.ClOrdId, IdToken.None, m.Timestamp);
        Emit(in m, slot, EventKind.Submitted, RejectReason.None);
    }

    private RejectReason ValidateNewOrder(in OmsMessage m)
    {
        if ((uint)(m.AccountId - 1) >= (uint)_options.MaxAccounts)
        {
            return RejectReason.InvalidAccount;
        }

        if ((uint)(m.InstrumentId - 1) >= (uint)_options.MaxInstruments)
        {
            return RejectReason.InvalidInstrument;
        }

        if (!IsVenue(m.VenueId))
        {
            return RejectReason.InvalidVenue;
        }

        if (m.Side is not (Side.Buy or Side.Sell or Side.SellShort or Side.SellShortExempt))
        {
            return RejectReason.InvalidSide;
        }

        if (m.OrderQty <= 0)
        {
            return RejectReason.InvalidQuantity;
        }

        RejectReason priceReason = ValidatePrices(m.OrderType, m.Price, m.StopPx);
        if (priceReason != RejectReason.None)
        {
            return priceReason;
        }

        return m.TimeInForce switch
        {
            TimeInForce.Day or TimeInForce.GoodTillCancel or TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill
                or TimeInForce.AtTheOpening or TimeInForce.GoodTillCrossing or TimeInForce.AtTheClose => RejectReason.None,
            TimeInForce.GoodTillDate => m.ExpireTime > 0 ? RejectReason.None : RejectReason.MissingExpireTime,
            _ => RejectReason.InvalidTimeInForce,
        };
    }

    private static RejectReason ValidatePrices(OrderType type, long price, long stopPx) => type switch
    {
        OrderType.Market => price != 0 ? RejectReason.InvalidPrice : stopPx != 0 ? RejectReason.InvalidStopPrice : RejectReason.None,
        OrderType.Limit => price <= 0 ? RejectReason.InvalidPrice : stopPx != 0 ? RejectReason.InvalidStopPrice : RejectReason.None,
        OrderType.Stop => price != 0 ? RejectReason.InvalidPrice : stopPx <= 0 ? RejectReason.InvalidStopPrice : RejectReason.None,
        OrderType.StopLimit => price <= 0 ? RejectReason.InvalidPrice : stopPx <= 0 ? RejectReason.InvalidStopPrice : RejectReason.None,
        _ => RejectReason.InvalidOrderType,
    };

    private void OnCancel(in OmsMessage m)
    {
        RejectReason reason = FindOwnedOrder(in m, out int slot);
        if (reason == RejectReason.None)
        {
            reason = TryBeginCancel(slot, m.ClOrdId, m.Timestamp);
        }

        if (reason != RejectReason.None)
        {
            Refuse(in m, slot, reason);
            return;
        }

        Emit(in m, slot, EventKind.PendingCancel, RejectReason.None);
    }

    private void OnReplace(in OmsMessage m)
    {
        RejectReason reason = FindOwnedOrder(in m, out int slot);
        if (reason == RejectReason.None)
        {
            reason = TryBeginReplace(slot, in m);
        }

        if (reason != RejectReason.None)
        {
            Refuse(in m, slot, reason);
            return;
        }

        Emit(in m, slot, EventKind.PendingReplace, RejectReason.None);
    }

    private void OnMassCancel(in OmsMessage m)
    {
        if ((uint)(m.StrategyId - 1) >= (uint)_options.MaxStrategies)
        {
            _counters.RefusedValue++;
            RaiseAnomaly(in m, -1, RejectReason.InvalidStrategy);
            return;
        }

        long sent = 0;
        for (int slot = _orders.FirstLive(m.StrategyId), next; slot >= 0; slot = next)
        {
            next = _orders.NextLiveOf(slot);
            if (!_orders.Flags[slot].Status.IsLive())
            {
                // Ended since the last walk: leave the list now (rows leave lazily, see LiveOrderLists).
                _orders.UntrackLive(slot);
                continue;
            }

            if ((m.AccountId != 0 && _orders.Account[slot] != m.AccountId)
                || (m.InstrumentId != 0 && _orders.Instrument[slot] != m.InstrumentId)
                || (m.VenueId != 0 && _orders.Flags[slot].Venue != m.VenueId)
                || OrderStateMachine.Transition(_orders.Flags[slot].Status, LifecycleEvent.CancelRequest).Action != TransitionAction.BeginCancel)
            {
                continue;
            }

            IdToken cancelId = IdToken.ForStrategy(EngineMintedStrategy, ++_mintSequence);
            RejectReason reason = TryBeginCancel(slot, cancelId, m.Timestamp);
            if (reason != RejectReason.None)
            {
                Refuse(in m, slot, reason);
                continue;
            }

            sent++;
            Emit(in m, slot, EventKind.PendingCancel, RejectReason.None, requestClOrdId: cancelId);
        }

        if (!TryClaimEvent(m.StrategyId, out EventStream? stream, out long at, out long sequence))
        {
            return;
        }

        OmsEvent done = default;
        WriteCause(ref done, in m);
        done.Kind = EventKind.MassCancelDone;
        done.Sequence = sequence;
        done.StrategyId = m.StrategyId;
        done.LastQty = sent;
        done.AccountId = m.AccountId;
        done.InstrumentId = m.InstrumentId;
        done.VenueId = m.VenueId;
        done.RequestClOrdId = m.ClOrdId;
        stream.Publish(at, in done);
    }

    /// <summary>The strategy id under which the engine mints ClOrdIDs (mass-cancel requests).</summary>
    public const int EngineMintedStrategy = 0xFFFFFF;

    private RejectReason FindOwnedOrder(in OmsMessage m, out int slot)
    {
        if ((uint)(m.StrategyId - 1) >= (uint)_options.MaxStrategies)
        {
            slot = -1;
            return RejectReason.InvalidStrategy;
        }

        if (!_orders.TryFindByClOrdId(m.OrigClOrdId, out slot))
        {
            slot = -1;
            return RejectReason.UnknownOrder;
        }

        if (StrategyOf(slot) != m.StrategyId)
        {
            // The order is not the sender's: answer the sender, never touch or reveal the other's order.
            slot = -1;
            return RejectReason.NotOwner;
        }

        if (m.InstrumentId != 0 && m.InstrumentId != InstrumentOf(slot))
        {
            // A replace's quantity and prices were read at the scales of the instrument it names (0 names none).
            return RejectReason.WrongInstrument;
        }

        return CheckNewClOrdId(in m);
    }

    /// <summary>
    /// ClOrdIDs new orders and replaces leave free: one per live order, so that a cancel of any of them, and every
    /// leg of a mass cancel (the kill switch), still finds an id when new orders and replaces have used the rest.
    /// Cancels themselves draw on it; a venue that rejects cancel after cancel of the same order can still use
    /// it up (each request's id stays indexed: a late report may name it).
    /// </summary>
    private int CancelReserve => _liveOrders;

    /// <summary>Whether a command's own ClOrdID (a new order's, a cancel's or a replace's) may be used: present, the sender's, unused.</summary>
    private RejectReason CheckNewClOrdId(in OmsMessage m) =>
        m.ClOrdId.IsNone ? RejectReason.MissingClOrdId
        // Another strategy's minted id (it could take one that strategy has yet to send), or one the engine mints
        // for its own mass-cancel requests (which would then find it taken).
        : m.ClOrdId.IsMintedForOtherThan(m.StrategyId) ? RejectReason.ForeignClOrdId
        : _orders.ContainsClOrdId(m.ClOrdId) ? RejectReason.DuplicateClOrdId
        : RejectReason.None;

    private RejectReason TryBeginCancel(int slot, IdToken cancelClOrdId, long timestamp)
    {
        Transition t = OrderStateMachine.Transition(_orders.Flags[slot].Status, LifecycleEvent.CancelRequest);
        if (t.Action != TransitionAction.BeginCancel)
        {
            return t.Reason;
        }

        if (!_venueQueues[_orders.Flags[slot].Venue].HasRoomFor(1))
        {
            return RejectReason.VenueBackPressure;
        }

        if (!_orders.AddToChain(slot, cancelClOrdId))
        {
            return RejectReason.IdCapacity;
        }

        _orders.Flags[slot].PreviousStatus = _orders.Flags[slot].Status;
        _orders.Flags[slot].Status = OrderStatus.PendingCancel;
        _orders.PendingClOrdId[slot] = cancelClOrdId;
        _orders.PendingQty[slot] = 0;
        _orders.Updated[slot] = timestamp;
        SendToVenue(slot, VenueCommandKind.Cancel, cancelClOrdId, _orders.ClOrdId[slot], timestamp);
        return RejectReason.None;
    }

    private RejectReason TryBeginReplace(int slot, in OmsMessage m)
    {
        Transition t = OrderStateMachine.Transition(_orders.Flags[slot].Status, LifecycleEvent.ReplaceRequest);
        if (t.Action != TransitionAction.BeginReplace)
        {
            return t.Reason;
        }

        // A replace changes quantity and prices, never the order's type or time in force; a producer that names
        // them (non-zero) must name the order's. Checked before the prices, which were meant for the type it names.
        if (m.OrderType != OrderType.None && m.OrderType != _orders.Type[slot])
        {
            return RejectReason.ReplaceChangesOrderType;
        }

        if (m.TimeInForce != 0 && m.TimeInForce != _orders.Tif[slot])
        {
            return RejectReason.ReplaceChangesTimeInForce;
        }

        if (m.OrderQty <= 0)
        {
            return RejectReason.InvalidQuantity;
        }

        RejectReason priceReason = ValidatePrices(_orders.Type[slot], m.Price, m.StopPx);
        if (priceReason != RejectReason.None)
        {
            return priceReason;
        }

        if (!_venueQueues[_orders.Flags[slot].Venue].HasRoomFor(1))
        {
            return RejectReason.VenueBackPressure;
        }

        // The replace's id, leaving one for each live order's cancel (this one's included).
        if (!_orders.HasIdRoom(1 + CancelReserve) || !_orders.AddToChain(slot, m.ClOrdId))
        {
            return RejectReason.IdCapacity;
        }

        _orders.Flags[slot].PreviousStatus = _orders.Flags[slot].Status;
        _orders.Flags[slot].Status = OrderStatus.PendingReplace;
        _orders.PendingClOrdId[slot] = m.ClOrdId;
        _orders.PendingQty[slot] = m.OrderQty;
        _orders.PendingPrice[slot] = m.Price;
        _orders.PendingStopPx[slot] = m.StopPx;
        _orders.Updated[slot] = m.Timestamp;
        SendToVenue(slot, VenueCommandKind.Replace, m.ClOrdId, _orders.ClOrdId[slot], m.Timestamp);
        return RejectReason.None;
    }

    private void Refuse(in OmsMessage m, int slot, RejectReason reason)
    {
        _counters.RefusedValue++;
        if (reason == RejectReason.InvalidStrategy)
        {
            // No stream to answer on: the operator sees it.
            RaiseAnomaly(in m, -1, reason);
            return;
        }

        _counters.Count(reason);
        if (slot >= 0)
        {
            Emit(in m, slot, EventKind.RequestRefused, reason);
        }
        else
        {
            EmitWithoutRow(in m, EventKind.RequestRefused, reason);
        }
    }

    private void SendToVenue(int slot, VenueCommandKind kind, IdToken clOrdId, IdToken origClOrdId, long timestamp)
    {
        var queue = _venueQueues[_orders.Flags[slot].Venue];
        bool claimed = queue.TryClaim(out long seq);
        if (!claimed)
        {
            // Checked on every build: writing on would overwrite a command the gateway has not read.
            ThrowHelper.ThrowInvariant("venue room is checked before any state changes");
        }

        ref VenueCommand c = ref queue[seq];
        c.Kind = kind;
        c.Side = _orders.Flags[slot].Side;
        c.OrderType = _orders.Type[slot];
        c.TimeInForce = _orders.Tif[slot];
        c.StrategyId = StrategyOf(slot);
        c.AccountId = AccountOf(slot);
        c.InstrumentId = InstrumentOf(slot);
        c.OrderId = _orders.IdOf(slot);
        c.Timestamp = timestamp;
        c.Sequence = seq + 1;
        c.InputSequence = _counters.MessagesValue - 1; // the message being applied
        c.ClOrdId = clOrdId;
        c.OrigClOrdId = origClOrdId;
        c.VenueOrderId = _orders.VenueOrderId[slot];
        bool replace = kind == VenueCommandKind.Replace;
        c.OrderQty = replace ? _orders.PendingQty[slot] : _orders.Quantities[slot].OrderQty;
        c.Price = replace ? _orders.PendingPrice[slot] : _orders.Price[slot];
        c.StopPx = replace ? _orders.PendingStopPx[slot] : _orders.StopPx[slot];
        c.ExpireTime = _orders.ExpireTime[slot];
        queue.Commit(seq);
    }
}
