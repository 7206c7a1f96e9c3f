using Oms.Domain;
using Oms.Engine;
using Oms.Venue.Book;
using Oms.Venue.Market;

namespace Oms.Venue;

public sealed partial class SimVenue
{
    private int DrainCommands(long now)
    {
        int read = 0;
        while (read < _options.DrainLimit && _reports.Count < _options.MaxQueuedReports && _commands.TryRead(out VenueCommand c))
        {
            read++;
            _counters.CommandsValue++;
            switch (c.Kind)
            {
                case VenueCommandKind.New:
                    OnNew(in c, now);
                    break;
                case VenueCommandKind.Cancel:
                    OnCancel(in c, now);
                    break;
                case VenueCommandKind.Replace:
                    OnReplace(in c, now);
                    break;
                default:
                    // No order to answer: counted, nothing else.
                    _counters.InvalidCommandsValue++;
                    break;
            }
        }

        return read;
    }

    private void OnNew(in VenueCommand c, long at)
    {
        SimOrderRejectReason? reason = ValidateNew(in c, at, out SimInstrument? instrument);
        if (reason is null && _faultRandom.Chance(_faults.Reject))
        {
            reason = SimOrderRejectReason.Other;
            _counters.InjectedRejectsValue++;
        }

        if (reason is null && !_pool.HasFree)
        {
            reason = SimOrderRejectReason.VenueFull;
        }

        if (reason is { } r)
        {
            RejectNew(in c, r, at);
            return;
        }

        int index = _pool.Allocate();
        ref SimOrder o = ref _pool[index];
        o.ClOrdId = c.ClOrdId;
        o.VenueOrderId = NextVenueOrderId();
        o.Instrument = instrument!.Index;
        o.Side = c.Side;
        o.IsBuy = c.Side == Side.Buy;
        o.Type = c.OrderType;
        o.Tif = c.TimeInForce;
        o.Price = c.OrderType == OrderType.Market ? 0 : c.Price;
        o.OrderQty = c.OrderQty;
        o.Leaves = c.OrderQty;
        o.ExpireTime = c.TimeInForce == TimeInForce.GoodTillDate ? c.ExpireTime : 0;
        o.Arrival = ++_arrivals;
        o.State = SimOrderState.Working;
        _byClOrdId.Add(o.ClOrdId, index);
        _byVenueOrderId.Add(o.VenueOrderId, index);
        _counters.AcceptedValue++;
        OmsMessage ack = ReportFor(ref o, ExecType.New);
        Send(ref ack, ref o, at, fill: false);
        Execute(instrument, index, at);
    }

    private SimOrderRejectReason? ValidateNew(in VenueCommand c, long at, out SimInstrument? instrument)
    {
        if (!_byInstrumentId.TryGetValue(c.InstrumentId, out instrument))
        {
            return SimOrderRejectReason.UnknownSymbol;
        }

        if (c.ClOrdId.IsNone)
        {
            return SimOrderRejectReason.MissingClOrdId;
        }

        if (_byClOrdId.ContainsKey(c.ClOrdId))
        {
            return SimOrderRejectReason.DuplicateOrder;
        }

        if (c.Side is not (Side.Buy or Side.Sell or Side.SellShort or Side.SellShortExempt)
            || c.OrderType is not (OrderType.Limit or OrderType.Market)
            || c.TimeInForce is not (TimeInForce.Day or TimeInForce.GoodTillCancel or TimeInForce.ImmediateOrCancel
                or TimeInForce.FillOrKill or TimeInForce.GoodTillDate))
        {
            return SimOrderRejectReason.UnsupportedOrderCharacteristic;
        }

        if (c.OrderQty <= 0 || c.OrderQty % instrument.Lot != 0)
        {
            return SimOrderRejectReason.IncorrectQuantity;
        }

        if (c.OrderType == OrderType.Limit && (c.Price <= 0 || c.Price % instrument.Tick != 0))
        {
            return SimOrderRejectReason.InvalidPrice;
        }

        if (c.TimeInForce == TimeInForce.GoodTillDate && c.ExpireTime <= at)
        {
            return SimOrderRejectReason.TooLateToEnter;
        }

        return null;
    }

    private void OnCancel(in VenueCommand c, long at)
    {
        int index = FindLive(in c);
        SimCancelRejectReason? reason = c.ClOrdId.IsNone ? SimCancelRejectReason.MissingClOrdId
            : index < 0 ? NotLiveReason(in c)
            : null;
        if (reason is { } r)
        {
            RejectCancel(in c, r, at);
            return;
        }

        ref SimOrder o = ref _pool[index];
        SimInstrument instrument = _instruments[o.Instrument];
        instrument.SideOf(o.IsBuy).Unlink(_pool, index);
        instrument.Dirty = true;
        Close(index, OrderStatus.Canceled, at, c.ClOrdId);
    }

    private void OnReplace(in VenueCommand c, long at)
    {
        int index = FindLive(in c);
        if (c.ClOrdId.IsNone || index < 0)
        {
            RejectCancel(in c, c.ClOrdId.IsNone ? SimCancelRejectReason.MissingClOrdId : NotLiveReason(in c), at);
            return;
        }

        ref SimOrder o = ref _pool[index];
        SimInstrument instrument = _instruments[o.Instrument];
        long price = o.Type == OrderType.Market ? 0 : c.Price;
        SimCancelRejectReason? reason =
            c.ClOrdId != o.ClOrdId && _byClOrdId.ContainsKey(c.ClOrdId) ? SimCancelRejectReason.DuplicateClOrdId
            : c.OrderQty <= 0 || c.OrderQty % instrument.Lot != 0 ? SimCancelRejectReason.InvalidQuantity
            : o.Type == OrderType.Limit && (price <= 0 || price % instrument.Tick != 0) ? SimCancelRejectReason.InvalidPrice
            : c.OrderQty <= o.CumQty ? SimCancelRejectReason.QuantityNotAboveFilled
            : null;
        if (reason is { } r)
        {
            RejectCancel(in c, r, at, index);
            return;
        }

        IdToken previous = o.ClOrdId;
        _byClOrdId.Remove(previous);
        _byClOrdId.Add(c.ClOrdId, index);
        o.ClOrdId = c.ClOrdId;
        long leaves = c.OrderQty - o.CumQty;
        BookSide side = instrument.SideOf(o.IsBuy);
        bool keepsPriority = price == o.Price && c.OrderQty <= o.OrderQty;
        if (keepsPriority)
        {
            // Same price, no more quantity: the order keeps its place; only its level's total moves.
            side[side.IndexOf(price)].Qty += leaves - o.Leaves;
        }
        else
        {
            side.Unlink(_pool, index);
            o.Price = price;
            o.State = SimOrderState.Working;
            o.Arrival = ++_arrivals;
        }

        o.OrderQty = c.OrderQty;
        o.Leaves = leaves;
        instrument.Dirty = true;
        _counters.ReplacedValue++;
        OmsMessage replaced = ReportFor(ref o, ExecType.Replaced);
        replaced.OrigClOrdId = previous;
        Send(ref replaced, ref o, at, fill: false);
        if (!keepsPriority)
        {
            Execute(instrument, index, at);
        }
    }

    /// <summary>The live OMS order a cancel or replace names: by the ClOrdID it refers to, else by the venue OrderID; -1 when none.</summary>
    private int FindLive(in VenueCommand c) =>
        _byClOrdId.TryGetValue(c.OrigClOrdId, out int index) || _byVenueOrderId.TryGetValue(c.VenueOrderId, out index) ? index : -1;

    private SimCancelRejectReason NotLiveReason(in VenueCommand c) =>
        IssuedHere(c.VenueOrderId) ? SimCancelRejectReason.TooLateToCancel : SimCancelRejectReason.UnknownOrder;

    private void RejectNew(in VenueCommand c, SimOrderRejectReason reason, long at)
    {
        _counters.Count(reason);
        OmsMessage m = default;
        m.Kind = MessageKind.ExecutionReport;
        m.ExecType = ExecType.Rejected;
        m.OrdStatus = OrderStatus.Rejected;
        m.Side = c.Side;
        m.OrderType = c.OrderType;
        m.TimeInForce = c.TimeInForce;
        m.VenueReason = (byte)reason;
        m.InstrumentId = c.InstrumentId;
        m.VenueId = VenueId;
        m.ClOrdId = c.ClOrdId;
        m.ExecId = NextExecId();
        m.OrderQty = c.OrderQty;
        m.Price = c.Price;
        m.ExpireTime = c.ExpireTime;
        Enqueue(ref m, at + AckDelay());
    }

    private void RejectCancel(in VenueCommand c, SimCancelRejectReason reason, long at, int index = -1)
    {
        _counters.Count(reason);
        OmsMessage m = default;
        m.Kind = MessageKind.CancelReject;
        m.CxlRejResponseTo = c.Kind == VenueCommandKind.Replace ? CxlRejResponseTo.ReplaceRequest : CxlRejResponseTo.CancelRequest;
        m.VenueReason = (byte)reason;
        m.Side = c.Side;
        m.InstrumentId = c.InstrumentId;
        m.VenueId = VenueId;
        m.ClOrdId = c.ClOrdId;
        m.OrigClOrdId = c.OrigClOrdId;
        m.VenueOrderId = c.VenueOrderId;
        long due = at + AckDelay();
        if (index >= 0)
        {
            ref SimOrder o = ref _pool[index];
            m.OrdStatus = o.Status;
            m.VenueOrderId = o.VenueOrderId;
            due = Math.Max(due, o.LastDue);
            o.LastDue = due;
            o.Barrier = due;
        }
        else
        {
            // The order is gone (or never was): FIX wants an OrdStatus; Rejected says nothing about it.
            m.OrdStatus = OrderStatus.Rejected;
        }

        Enqueue(ref m, due);
    }
}
