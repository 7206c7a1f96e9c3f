using Oms.Domain;
using Oms.Ring;

namespace Oms.Engine;

public sealed partial class OmsEngine
{
    /// <summary>Emits an event about an order row to its owner's stream.</summary>
    private void Emit(in OmsMessage m, int slot, EventKind kind, RejectReason reason,
        IdToken requestClOrdId = default, long lastQty = long.MinValue, long lastPx = long.MinValue)
    {
        if (NobodyListens(_orders.Strategy[slot]))
        {
            return;
        }

        OmsEvent e = default;
        FillFromRow(ref e, slot);
        e.Kind = kind;
        e.Reason = reason;
        FillFromMessage(ref e, in m);
        if (!requestClOrdId.IsNone)
        {
            e.RequestClOrdId = requestClOrdId;
        }

        if (lastQty != long.MinValue)
        {
            e.LastQty = lastQty;
            e.LastPx = lastPx;
        }

        Deliver(e.StrategyId, ref e);
    }

    /// <summary>Emits a refusal for a command that has no row (or whose row is not the sender's) to the sender.</summary>
    private void EmitWithoutRow(in OmsMessage m, EventKind kind, RejectReason reason)
    {
        if (NobodyListens(m.StrategyId))
        {
            return;
        }

        OmsEvent e = default;
        e.Kind = kind;
        e.Reason = reason;
        e.Status = kind == EventKind.Denied ? OrderStatus.Denied : OrderStatus.None;
        e.Side = m.Side;
        e.AccountId = m.AccountId;
        e.InstrumentId = m.InstrumentId;
        e.VenueId = m.VenueId;
        e.ClOrdId = m.Kind == MessageKind.NewOrder ? m.ClOrdId : m.OrigClOrdId;
        e.OrderQty = m.OrderQty;
        e.Price = m.Price;
        FillFromMessage(ref e, in m);
        Deliver(m.StrategyId, ref e);
    }

    private void FillFromRow(ref OmsEvent e, int slot)
    {
        var o = _orders;
        e.Status = o.Status[slot];
        e.Side = o.SideOf[slot];
        e.StrategyId = o.Strategy[slot];
        e.AccountId = o.Account[slot];
        e.InstrumentId = o.Instrument[slot];
        e.VenueId = o.Venue[slot];
        e.OrderId = o.IdOf(slot);
        e.ClOrdId = o.ClOrdId[slot];
        e.OrderQty = o.OrderQty[slot];
        e.Price = o.Price[slot];
        e.CumQty = o.CumQty[slot];
        e.LeavesQty = LeavesOf(slot);
        e.AvgPx = FixedPoint.AveragePrice(o.Notional[slot], o.CumQty[slot]);
        int row = o.StrategyPosition[slot];
        if (row >= 0)
        {
            e.PositionNetQty = _positions.NetQtyOf(row);
            e.PositionAvgCost = _positions.AverageCost(row);
            e.PositionRealizedPnl = _positions.RealizedOf(row);
        }
    }

    private void FillFromMessage(ref OmsEvent e, in OmsMessage m)
    {
        e.Cause = m.Kind;
        e.CauseExecType = m.ExecType;
        e.VenueReason = m.VenueReason;
        e.Timestamp = m.Timestamp;
        e.InputSequence = _counters.MessagesValue - 1; // the message being applied
        e.RequestClOrdId = m.ClOrdId;
        e.ExecId = m.ExecId;
        e.LastQty = m.LastQty;
        e.LastPx = m.LastPx;
    }

    /// <summary>
    /// True when the strategy has no open stream (replays, tools): the event is counted as dropped and its
    /// sequence number used, exactly as if it had been built and refused, without gathering the row.
    /// </summary>
    private bool NobodyListens(int strategyId)
    {
        if ((uint)strategyId < (uint)_strategyStreams.Length && _strategyStreams[strategyId] is not null)
        {
            return false;
        }

        if ((uint)strategyId < (uint)_strategySequence.Length)
        {
            ++_strategySequence[strategyId];
        }

        _counters.DroppedEventsValue++;
        return true;
    }

    private void Deliver(int strategyId, ref OmsEvent e)
    {
        if ((uint)strategyId >= (uint)_strategyStreams.Length)
        {
            _counters.DroppedEventsValue++;
            return;
        }

        e.StrategyId = strategyId;
        e.Sequence = ++_strategySequence[strategyId];
        SpscQueue<OmsEvent>? stream = _strategyStreams[strategyId];
        if (stream is null || !stream.TryWrite(in e))
        {
            // The sequence still advances, so the consumer sees the gap and knows to resynchronise.
            _counters.DroppedEventsValue++;
        }
    }

    /// <summary>A message that changes nothing: counted as ignored, and raised as an anomaly.</summary>
    private void Ignore(in OmsMessage m, int slot, RejectReason reason)
    {
        _counters.IgnoredValue++;
        RaiseAnomaly(in m, slot, reason);
    }

    /// <summary>An anomaly: counted, sent to the operator's stream, and to the owner's stream when the order is known.</summary>
    private void RaiseAnomaly(in OmsMessage m, int slot, RejectReason reason)
    {
        _counters.Count(reason);
        PublishAnomaly(in m, slot, reason);
        if (slot >= 0)
        {
            Emit(in m, slot, EventKind.Anomaly, reason);
        }
    }

    private void PublishAnomaly(in OmsMessage m, int slot, RejectReason reason)
    {
        _counters.AnomaliesValue++;
        OmsEvent e = default;
        if (slot >= 0)
        {
            FillFromRow(ref e, slot);
        }
        else
        {
            e.StrategyId = m.StrategyId;
            e.Side = m.Side;
            e.ClOrdId = m.ClOrdId;
        }

        e.Kind = EventKind.Anomaly;
        e.Reason = reason;
        FillFromMessage(ref e, in m);
        e.Sequence = ++_anomalySequence;
        if (!_anomalies.TryWrite(in e))
        {
            _counters.DroppedEventsValue++;
        }
    }
}
